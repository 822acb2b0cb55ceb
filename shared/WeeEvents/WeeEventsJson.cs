using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeeEvents;

/// <summary>The JSON conventions of stored events, commands and entities: camelCase, as on the wire.</summary>
public static class WeeEventsJson
{
    /// <summary>
    /// The serializer options used for event data, command payloads and state. Constructor parameters
    /// without a default are required and nullable annotations are enforced, so a payload missing a field
    /// is a validation error naming it rather than a null deep inside a handler.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
