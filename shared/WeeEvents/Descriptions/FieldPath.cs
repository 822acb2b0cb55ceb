using System.Text;
using System.Text.Json;

namespace WeeEvents;

/// <summary>Field paths as clients see them: camelCase, dotted, with indexes (<c>lines[0].quantity</c>).</summary>
internal static class FieldPath
{
    /// <summary>From System.Text.Json's <c>$.lines[0].quantity</c> form.</summary>
    public static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>From FluentValidation's <c>Lines[0].Quantity</c> form.</summary>
    public static string FromPropertyPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        var builder = new StringBuilder(path.Length);
        var startOfSegment = true;
        foreach (var c in path)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }

        return builder.ToString();
    }

    /// <summary>A message for a malformed payload that names the problem without echoing internals.</summary>
    public static string DescribeJsonError(JsonException error)
    {
        // System.Text.Json's messages name CLR types; clients need the JSON view only.
        var message = error.Message;
        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            var start = message.IndexOf("properties including:", StringComparison.OrdinalIgnoreCase);
            return start >= 0 ? "Required properties are missing: " + message[(start + "properties including:".Length)..].Trim().TrimEnd('.') + "." : "Required properties are missing.";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return "The value must not be null.";
        }

        if (error.Path is null or "$" && error.LineNumber is 0 && error.BytePositionInLine is 0)
        {
            return "The body is not a JSON object of the expected shape.";
        }

        return "The value is not of the expected type or the JSON is malformed.";
    }
}
