using System.Text.Json;

namespace WeeEvents;

/// <summary>
/// An event about to be recorded: its type name and its data, already in the JSON form the store keeps.
/// </summary>
/// <param name="Type">The event type name, for example <c>funds-deposited</c>.</param>
/// <param name="Data">The event data as JSON.</param>
/// <param name="SchemaVersion">The version of the data's schema; upcasters read older versions.</param>
public sealed record DomainEvent(string Type, JsonElement Data, int SchemaVersion = 1)
{
    /// <summary>Serialises <paramref name="data"/> with <see cref="WeeEventsJson.Options"/>.</summary>
    public static DomainEvent Create<TData>(string type, TData data, int schemaVersion = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new DomainEvent(type, JsonSerializer.SerializeToElement(data, WeeEventsJson.Options), schemaVersion);
    }

    /// <summary>True when both events have the same type, schema version and JSON data.</summary>
    public bool IsEquivalentTo(DomainEvent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && SchemaVersion == other.SchemaVersion && JsonElement.DeepEquals(Data, other.Data);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Data.GetRawText()}";
}
