using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using WeeEvents.Contracts;
using WeeEvents.Protection;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// A parked message's body as an operator may see it: the contract under the envelope's <c>message</c> with its
/// personal and sensitive fields masked by the contract's own declarations; a contract the console does not know has
/// every text value masked, since nothing says which are safe.
/// </summary>
public static class BodyMask
{
    private static readonly Dictionary<string, PersonalDataClassification> Contracts = typeof(ContractUrns).Assembly.GetExportedTypes()
        .Where(t => t.GetCustomAttributes(typeof(MessageUrnAttribute), false).Length > 0)
        .ToDictionary(ContractUrns.Of, PersonalDataClassification.Of, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The masked body, indented; the text as it is when it is not JSON.</summary>
    public static string Masked(string body, string? messageType)
    {
        JsonNode? envelope;
        try
        {
            envelope = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return "(not JSON: not shown)";
        }

        if (envelope is JsonObject root && root["message"] is { } message)
        {
            root["message"] = messageType is not null && Contracts.TryGetValue(messageType, out var classification)
                ? JsonNode.Parse(PersonalDataWalker.Mask(JsonSerializer.SerializeToElement(message), classification, FieldClass.Personal | FieldClass.Sensitive).GetRawText())
                : MaskAllText(message);
        }

        return envelope?.ToJsonString(Indented) ?? "";
    }

    private static JsonNode? MaskAllText(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, MaskAllText(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(MaskAllText)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(SensitiveData.Mask(v.GetValue<string>())),
        _ => node?.DeepClone(),
    };
}
