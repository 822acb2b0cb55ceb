using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeeEvents.Protection;

/// <summary>
/// The one walk over a record's JSON by its <see cref="PersonalDataClassification"/>: it parses once, follows the declared
/// paths and nothing else, and hands each declared string it finds, with the subject in scope, to a strategy — mask
/// (<see cref="Mask"/>), encrypt or decrypt (<see cref="PersonalDataProtector"/>). A value at any other path is text,
/// whatever it looks like.
/// </summary>
public static class PersonalDataWalker
{
    /// <summary>
    /// Parses <paramref name="json"/> and adds to <paramref name="found"/> every declared field of a class in
    /// <paramref name="select"/>; returns the parsed document to replace values in, or null when nothing was found
    /// (nothing parsed when the classification declares nothing selected).
    /// </summary>
    public static JsonNode? Find(string json, PersonalDataClassification classification, FieldClass select, string fallbackSubject, List<ClassifiedField> found)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(classification);
        if ((classification.Classes & select) == 0)
        {
            return null;
        }

        var root = JsonNode.Parse(json);
        return root is not null && Find(root, classification, select, fallbackSubject, found) ? root : null;
    }

    /// <summary>Adds to <paramref name="found"/> every declared field of a class in <paramref name="select"/> under <paramref name="root"/>; true when any.</summary>
    public static bool Find(JsonNode root, PersonalDataClassification classification, FieldClass select, string fallbackSubject, List<ClassifiedField> found)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(found);
        var before = found.Count;
        Visit(root, classification.Root, select, fallbackSubject, found);
        return found.Count > before;
    }

    /// <summary>The document after the strategies replaced values in it.</summary>
    public static JsonElement Write(JsonNode root) => JsonSerializer.SerializeToElement(root, WeeEventsJson.Options);

    /// <summary>
    /// <paramref name="json"/> with every declared field of a class in <paramref name="select"/> masked
    /// (<see cref="SensitiveData.Mask"/>); itself when there is nothing to mask.
    /// </summary>
    public static JsonElement Mask(JsonElement json, PersonalDataClassification classification, FieldClass select)
    {
        ArgumentNullException.ThrowIfNull(classification);
        if ((classification.Classes & select) == 0 || json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return json;
        }

        var found = new List<ClassifiedField>();
        var root = Find(json.GetRawText(), classification, select, "", found);
        if (root is null)
        {
            return json;
        }

        foreach (var field in found)
        {
            field.Replace(SensitiveData.Mask(field.Value)!);
        }

        return Write(root);
    }

    private static void Visit(JsonNode node, ClassifiedNode declared, FieldClass select, string subject, List<ClassifiedField> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in declared.Subjects)
                {
                    if (obj[name] is JsonValue named && named.TryGetValue<string>(out var s) && !string.IsNullOrEmpty(s))
                    {
                        subject = s;
                        break;
                    }
                }

                foreach (var (name, child) in declared.Properties)
                {
                    if ((child.Classes & select) == 0 || obj[name] is not { } value)
                    {
                        continue;
                    }

                    if ((child.Leaf & select) != 0 && value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        found.Add(new ClassifiedField(obj, name, -1, child.Path, subject, text, child.Leaf));
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        Visit(value, child, select, subject, found);
                    }
                }

                break;
            case JsonArray array when declared.Items is { } items && (items.Classes & select) != 0:
                for (var i = 0; i < array.Count; i++)
                {
                    if ((items.Leaf & select) != 0 && array[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        found.Add(new ClassifiedField(array, null, i, items.Path, subject, text, items.Leaf));
                    }
                    else if (array[i] is JsonObject or JsonArray)
                    {
                        Visit(array[i]!, items, select, subject, found);
                    }
                }

                break;
        }
    }
}
