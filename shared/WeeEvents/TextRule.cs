namespace WeeEvents;

/// <summary>
/// The one rule every text a client sends follows before it can reach a column, a log line or another service: no
/// control characters and well-formed Unicode. The HTTP boundary applies it to every string of a command body and every
/// query value; <see cref="AggregateKeyRule"/> applies it to keys, with rules of its own on top.
/// </summary>
/// <remarks>
/// Control characters are the C0 range (U+0000 to U+001F, NUL, tab and line breaks included), DEL (U+007F) and the C1
/// range (U+0080 to U+009F), with no exception: PostgreSQL refuses NUL in text (the request would be a 500 there and a
/// success on SQLite and SQL Server), line breaks forge log lines and headers, and none of them belongs in a name, an
/// address or a reason. An unpaired surrogate cannot be written as UTF-8 (PostgreSQL, SQLite, JSON).
/// </remarks>
public static class TextRule
{
    /// <summary>The rule in one sentence, for problem details and API documentation.</summary>
    public const string Description =
        "Text may not contain control characters (U+0000 to U+001F, U+007F to U+009F; tab and line breaks included) and must be well-formed Unicode.";

    /// <summary>True when <paramref name="text"/> follows the rule (null and empty do).</summary>
    public static bool IsValid(string? text) => Check(text) is null;

    /// <summary>What is wrong with <paramref name="text"/>, in words a client can act on; null when it follows the rule.</summary>
    public static string? Check(string? text) => Check(text, "text");

    /// <summary>As <see cref="Check(string?)"/>, naming what is checked (<c>key</c>, <c>value</c>) in the message.</summary>
    public static string? Check(string? text, string what)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return $"The {what} contains a control character (U+{(int)c:X4}) at position {i}.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"The {what} is not well-formed Unicode: an unpaired surrogate at position {i}.";
            }
        }

        return null;
    }
}
