using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WeeEvents.Protection;

namespace WeeEvents;

/// <summary>
/// What <see cref="SensitiveAttribute"/> declares, applied: the masked form of a value, the serializer options of
/// responses, and masking of JSON the service holds as text (recorded events, command payloads).
/// </summary>
public static class SensitiveData
{
    /// <summary>
    /// The serializer options of everything a client reads: <see cref="WeeEventsJson.Options"/>, with every
    /// <see cref="SensitiveAttribute"/> property written masked.
    /// </summary>
    public static JsonSerializerOptions ResponseOptions { get; } = CreateResponseOptions();

    /// <summary>
    /// A value as a client may see it: its kind prefix (up to the first underscore), an ellipsis and its last three
    /// characters (<c>tok_visa</c> → <c>tok_…isa</c>); values too short to spare three characters show none.
    /// </summary>
    public static string? Mask(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var underscore = value.IndexOf('_', StringComparison.Ordinal);
        var prefix = underscore is > 0 and < 8 ? value[..(underscore + 1)] : "";
        var rest = value.Length - prefix.Length;
        return rest > 3 ? $"{prefix}…{value[^3..]}" : $"{prefix}…";
    }

    /// <summary>
    /// <paramref name="json"/> (a record of <paramref name="classification"/>: a stored event's data) with every
    /// sensitive field masked, by the same walk that protects personal data; itself when there is nothing to mask.
    /// </summary>
    public static JsonElement MaskIn(JsonElement json, PersonalDataClassification classification) =>
        PersonalDataWalker.Mask(json, classification, FieldClass.Sensitive);

    private static JsonSerializerOptions CreateResponseOptions()
    {
        var options = new JsonSerializerOptions(WeeEventsJson.Options)
        {
            TypeInfoResolver = (WeeEventsJson.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(MaskSensitiveProperties),
        };
        options.MakeReadOnly();
        return options;
    }

    // The same classification the walker follows: a property is masked where its type's classification declares it
    // sensitive, so a response and a masked event agree.
    private static void MaskSensitiveProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var declared = PersonalDataClassification.Of(info.Type).Root.Properties;
        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(string)
                && declared.TryGetValue(property.Name, out var field) && (field.Leaf & FieldClass.Sensitive) != 0
                && property.Get is { } get)
            {
                property.Get = owner => Mask((string?)get(owner));
            }
        }
    }
}
