using System.Text.Json.Nodes;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// Compares a contract's wire schema in a release with its schema now, both ways at once: consumers built now must
/// read what the release's publishers send (no field made required, none added as required, no enum value removed),
/// and the release's consumers must read what publishers built now send (no field removed, renamed or retyped, no
/// nullability changed, no enum value added). New optional fields pass: the wire serializer skips fields it does not
/// know and leaves absent ones at their default.
/// </summary>
internal static class SchemaCompatibility
{
    // What the walk interprets; a change to any other keyword is reported as uninterpreted. Names and
    // descriptions are free to change: the URN identifies a contract, and the wire carries no titles.
    private static readonly HashSet<string> Interpreted =
        ["$schema", "$id", "title", "description", "default", "type", "format", "enum", "x-enumNames", "properties", "required", "items"];

    /// <summary>The breaking changes from <paramref name="release"/> to <paramref name="current"/>; none when compatible.</summary>
    /// <param name="contract">The contract's name, for the messages.</param>
    /// <param name="urn">Its wire name, for the messages.</param>
    /// <param name="release">Its schema in the release.</param>
    /// <param name="current">Its schema now.</param>
    public static IReadOnlyList<ContractBreak> Check(string contract, string urn, JsonNode release, JsonNode current)
    {
        var breaks = new List<ContractBreak>();
        Compare("", release, current, (field, change, detail) => breaks.Add(new ContractBreak(contract, urn, field, change, detail)));
        return breaks;
    }

    private delegate void Report(string field, BreakingChange change, string detail);

    private static void Compare(string field, JsonNode? release, JsonNode? current, Report report)
    {
        if (JsonNode.DeepEquals(release, current))
        {
            return;
        }

        if (release is not JsonObject before || current is not JsonObject after)
        {
            report(field, BreakingChange.SchemaChanged, $"changed from {Show(release)} to {Show(current)}");
            return;
        }

        if (!CompareTypes(field, before, after, report))
        {
            return;   // a retyped field's parts do not compare
        }

        CompareEnums(field, before, after, report);
        CompareProperties(field, before, after, report);
        if (before.ContainsKey("items") || after.ContainsKey("items"))
        {
            Compare(field + "[]", before["items"], after["items"], report);
        }

        foreach (var keyword in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Where(k => !Interpreted.Contains(k)))
        {
            if (!JsonNode.DeepEquals(before[keyword], after[keyword]))
            {
                report(field, BreakingChange.SchemaChanged, $"changed its '{keyword}' from {Show(before[keyword])} to {Show(after[keyword])}");
            }
        }
    }

    /// <summary>Reports a change of JSON type, format or nullability; false when the types differ.</summary>
    private static bool CompareTypes(string field, JsonObject before, JsonObject after, Report report)
    {
        var typesBefore = Types(before);
        var typesAfter = Types(after);
        var valueTypesBefore = typesBefore.Where(t => t != "null").Order(StringComparer.Ordinal).ToArray();
        var valueTypesAfter = typesAfter.Where(t => t != "null").Order(StringComparer.Ordinal).ToArray();
        if (!valueTypesBefore.SequenceEqual(valueTypesAfter))
        {
            report(field, BreakingChange.FieldRetyped, $"was {Describe(valueTypesBefore, before)} and is now {Describe(valueTypesAfter, after)}");
            return false;
        }

        if (!JsonNode.DeepEquals(before["format"], after["format"]))
        {
            report(field, BreakingChange.FieldRetyped, $"was {Describe(valueTypesBefore, before)} and is now {Describe(valueTypesAfter, after)}");
            return false;
        }

        var nullBefore = typesBefore.Contains("null");
        var nullAfter = typesAfter.Contains("null");
        if (nullBefore != nullAfter)
        {
            report(field, BreakingChange.NullabilityChanged, nullBefore ? "could be null and no longer can" : "could not be null and now can");
        }

        return true;
    }

    private static void CompareEnums(string field, JsonObject before, JsonObject after, Report report)
    {
        if (!before.ContainsKey("enum") && !after.ContainsKey("enum"))
        {
            return;
        }

        var valuesBefore = EnumValues(before);
        var valuesAfter = EnumValues(after);
        foreach (var (value, name) in valuesBefore.Where(v => !valuesAfter.ContainsKey(v.Key)))
        {
            report(field, BreakingChange.EnumValueRemoved, $"lost the value {value}{name}");
        }

        foreach (var (value, name) in valuesAfter.Where(v => !valuesBefore.ContainsKey(v.Key)))
        {
            report(field, BreakingChange.EnumValueAdded, $"gained the value {value}{name}");
        }
    }

    private static void CompareProperties(string field, JsonObject before, JsonObject after, Report report)
    {
        if (!before.ContainsKey("properties") && !after.ContainsKey("properties"))
        {
            return;
        }

        var propertiesBefore = before["properties"] as JsonObject ?? [];
        var propertiesAfter = after["properties"] as JsonObject ?? [];
        var requiredBefore = Required(before);
        var requiredAfter = Required(after);
        var added = propertiesAfter.Select(p => p.Key).Where(p => !propertiesBefore.ContainsKey(p)).ToArray();
        foreach (var (name, schema) in propertiesBefore)
        {
            var path = Join(field, name);
            if (!propertiesAfter.TryGetPropertyValue(name, out var now))
            {
                var candidates = added.Length == 0 ? "" : $" (new here: {string.Join(", ", added.Select(a => $"'{Join(field, a)}'"))})";
                report(path, BreakingChange.FieldRemovedOrRenamed, $"was removed or renamed{candidates}");
                continue;
            }

            Compare(path, schema, now, report);
            if (!requiredBefore.Contains(name) && requiredAfter.Contains(name))
            {
                report(path, BreakingChange.FieldMadeRequired, "was optional and is now required");
            }
        }

        foreach (var name in added.Where(requiredAfter.Contains))
        {
            report(Join(field, name), BreakingChange.RequiredFieldAdded, "was added as required");
        }
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static HashSet<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? [.. required.Select(r => r!.GetValue<string>())] : [];

    /// <summary>The non-null values of an enum by their JSON text, each with its name when the schema lists names.</summary>
    private static Dictionary<string, string> EnumValues(JsonObject schema)
    {
        var values = schema["enum"] as JsonArray ?? [];
        var names = schema["x-enumNames"] as JsonArray;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                result[value.ToJsonString()] = names is not null && i < names.Count ? $" ({names[i]})" : "";
            }
        }

        return result;
    }

    private static string Describe(string[] types, JsonObject schema) =>
        (types.Length == 0 ? "untyped" : string.Join(" or ", types)) + (schema["format"] is { } format ? $" ({format})" : "");

    private static string Join(string field, string name) => field.Length == 0 ? name : $"{field}.{name}";

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "nothing";
}
