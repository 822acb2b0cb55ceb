using System.Text.Json.Nodes;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// Where one JSON value is not part of another: every field of the part must be in the whole with the same value,
/// recursively; the whole may have more fields. It says what a reader kept of a message and what it lost.
/// </summary>
internal static class JsonSubset
{
    /// <summary>The paths (<c>lines[0].sku</c>) at which <paramref name="part"/> is not found in <paramref name="whole"/>, with why.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? part, JsonNode? whole)
    {
        var differences = new List<string>();
        Compare(part, whole, "", differences);
        return differences;
    }

    /// <summary>The paths of fields <paramref name="whole"/> has and <paramref name="part"/> does not, with their values.</summary>
    public static IReadOnlyList<(string Path, JsonNode? Value)> Extra(JsonNode? part, JsonNode? whole)
    {
        var extra = new List<(string, JsonNode?)>();
        CollectExtra(part, whole, "", extra);
        return extra;
    }

    private static void Compare(JsonNode? part, JsonNode? whole, string path, List<string> differences)
    {
        switch (part, whole)
        {
            case (JsonObject partObject, JsonObject wholeObject):
                foreach (var (name, value) in partObject)
                {
                    if (wholeObject.TryGetPropertyValue(name, out var other))
                    {
                        Compare(value, other, Join(path, name), differences);
                    }
                    else
                    {
                        differences.Add($"{Join(path, name)}: missing (was {Show(value)})");
                    }
                }

                break;
            case (JsonArray partArray, JsonArray wholeArray) when partArray.Count == wholeArray.Count:
                for (var i = 0; i < partArray.Count; i++)
                {
                    Compare(partArray[i], wholeArray[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(part, whole))
                {
                    differences.Add($"{Display(path)}: {Show(part)} became {Show(whole)}");
                }

                break;
        }
    }

    private static void CollectExtra(JsonNode? part, JsonNode? whole, string path, List<(string, JsonNode?)> extra)
    {
        switch (part, whole)
        {
            case (JsonObject partObject, JsonObject wholeObject):
                foreach (var (name, value) in wholeObject)
                {
                    if (partObject.TryGetPropertyValue(name, out var known))
                    {
                        CollectExtra(known, value, Join(path, name), extra);
                    }
                    else
                    {
                        extra.Add((Join(path, name), value));
                    }
                }

                break;
            case (JsonArray partArray, JsonArray wholeArray):
                for (var i = 0; i < Math.Min(partArray.Count, wholeArray.Count); i++)
                {
                    CollectExtra(partArray[i], wholeArray[i], $"{path}[{i}]", extra);
                }

                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Display(string path) => path.Length == 0 ? "(the message)" : path;

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";
}
