using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace WeeEvents;

/// <summary>
/// What <see cref="SensitiveAttribute"/> declares, applied: the masked form of a value, the serializer options of
/// responses, and masking of JSON the service holds as text (recorded events, command payloads).
/// </summary>
public static class SensitiveData
{
    private static readonly ConcurrentDictionary<Type, IReadOnlySet<string>> NamesByType = new();

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
    /// The JSON names (camelCase) of the sensitive properties of <paramref name="type"/> and of the records it holds,
    /// however deep (an order's details inside its placed event).
    /// </summary>
    public static IReadOnlySet<string> JsonNamesIn(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return NamesByType.GetOrAdd(type, static t =>
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Collect(t, names, []);
            return names;
        });
    }

    /// <summary>
    /// <paramref name="json"/> with the string value of every property named in <paramref name="names"/> masked, at any
    /// depth; itself when there is nothing to mask.
    /// </summary>
    public static JsonElement MaskIn(JsonElement json, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0 || json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return json;
        }

        var node = JsonNode.Parse(json.GetRawText());
        if (node is null || !MaskNode(node, names))
        {
            return json;
        }

        return JsonSerializer.SerializeToElement(node, WeeEventsJson.Options);
    }

    private static bool MaskNode(JsonNode node, IReadOnlySet<string> names)
    {
        var masked = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToArray())
                {
                    if (value is JsonValue leaf && names.Contains(name) && leaf.TryGetValue<string>(out var text))
                    {
                        obj[name] = Mask(text);
                        masked = true;
                    }
                    else if (value is not null)
                    {
                        masked |= MaskNode(value, names);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        masked |= MaskNode(item, names);
                    }
                }

                break;
        }

        return masked;
    }

    private static void Collect(Type type, HashSet<string> names, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || !seen.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            Collect(type.GetElementType()!, names, seen);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(argument, names, seen);
            }
        }

        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return;
        }

        // Derived cases of a closed hierarchy (a state's Requested case) are nested in it.
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public).Where(type.IsAssignableFrom))
        {
            Collect(nested, names, seen);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string) && property.IsDefined(typeof(SensitiveAttribute), inherit: true))
            {
                names.Add(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            }
            else
            {
                Collect(property.PropertyType, names, seen);
            }
        }
    }

    private static JsonSerializerOptions CreateResponseOptions()
    {
        var options = new JsonSerializerOptions(WeeEventsJson.Options)
        {
            TypeInfoResolver = (WeeEventsJson.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(MaskSensitiveProperties),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void MaskSensitiveProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(string)
                && property.AttributeProvider is MemberInfo member && member.IsDefined(typeof(SensitiveAttribute), inherit: true)
                && property.Get is { } get)
            {
                property.Get = owner => Mask((string?)get(owner));
            }
        }
    }
}
