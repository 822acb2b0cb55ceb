using System.Globalization;
using System.Text.Json;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// <see cref="TextRule"/> over a whole command body: every string value (and member name), at any depth, before the
/// service reads it as the command. One check at the boundary instead of a validator rule per field and service, so a
/// NUL in any text field is the same 400 naming the field on every database (PostgreSQL would refuse it with a 500).
/// </summary>
internal static class CommandText
{
    /// <summary>The fields of <paramref name="body"/> whose text breaks the rule, named as validators name them (<c>lines[0].sku</c>).</summary>
    public static IReadOnlyList<FieldError> Check(JsonElement body)
    {
        var errors = new List<FieldError>();
        Walk(body, "", errors);
        return errors;
    }

    private static void Walk(JsonElement element, string path, List<FieldError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (Problem(element) is { } problem)
                {
                    errors.Add(new FieldError(path, problem));
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var name = member.Name;
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    if (TextRule.Check(name, "member name") is { } badName)
                    {
                        errors.Add(new FieldError(path, badName + " " + TextRule.Description));
                        continue;
                    }

                    Walk(member.Value, field, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), errors);
                }

                break;
        }
    }

    private static string? Problem(JsonElement value)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800") cannot be read as a string at all.
            return "The value is not well-formed Unicode. " + TextRule.Description;
        }

        return TextRule.Check(text, "value") is { } problem ? problem + " " + TextRule.Description : null;
    }
}
