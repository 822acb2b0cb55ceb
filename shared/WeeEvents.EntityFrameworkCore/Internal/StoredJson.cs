using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>How metadata and event data are written to and read from their JSON text columns.</summary>
internal static class StoredJson
{
    public static string Write(EventMetadata metadata) =>
        ReferenceEquals(metadata, EventMetadata.Empty) ? "{}" : JsonSerializer.Serialize(metadata, WeeEventsJson.Options);

    public static EventMetadata ReadMetadata(string json) =>
        json == "{}" ? EventMetadata.Empty : JsonSerializer.Deserialize<EventMetadata>(json, WeeEventsJson.Options) ?? EventMetadata.Empty;

    public static JsonElement ReadData(string json) => JsonElement.Parse(json);
}
