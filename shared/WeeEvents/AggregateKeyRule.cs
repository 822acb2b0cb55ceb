namespace WeeEvents;

/// <summary>
/// The one rule every aggregate key follows, wherever it comes from (a URL, a message, a handler): checked by
/// <see cref="AggregateId"/>, by the HTTP routes before they touch a store, and by validators of commands that carry
/// another aggregate's key (an order line's SKU).
/// </summary>
/// <remarks>
/// A key is 1 to <see cref="MaxLength"/> UTF-16 code units of well-formed Unicode: letters of any script
/// (<c>ü</c>, <c>ß</c>, <c>日本</c>), digits, punctuation, symbols (an emoji counts as two) and inner spaces. It has no
/// control characters, no <c>/</c>, no white space at either end, and is not <c>.</c> or <c>..</c>. Why each part:
/// <list type="bullet">
/// <item>the length is the event tables' <c>aggregate_key</c> column (<c>nvarchar(200)</c> on SQL Server counts UTF-16
/// code units, PostgreSQL's <c>varchar(200)</c> counts code points, which are never more), so every key that passes
/// fits every provider;</item>
/// <item>an unpaired surrogate cannot be written as UTF-8 (PostgreSQL, SQLite, JSON), and control characters break logs,
/// headers and PostgreSQL (which refuses NUL);</item>
/// <item>a key is one URL path segment: <c>/</c> would split it and <c>.</c> or <c>..</c> are removed from paths by
/// clients and servers alike;</item>
/// <item>SQL Server compares strings ignoring trailing spaces, so <c>"a"</c> and <c>"a "</c> would be one stream there
/// and two elsewhere; a blank key names nothing.</item>
/// </list>
/// </remarks>
public static class AggregateKeyRule
{
    /// <summary>The longest key, in UTF-16 code units (<see cref="string.Length"/>): the event tables' key column.</summary>
    public const int MaxLength = 200;

    /// <summary>The longest entity type, in UTF-16 code units: the event tables' type column.</summary>
    public const int MaxTypeLength = 100;

    /// <summary>The rule in one sentence, for problem details and API documentation.</summary>
    public const string Description =
        "A key is 1 to 200 characters (UTF-16 code units; letters of any script, digits, punctuation, symbols and inner spaces), " +
        "with no control characters, no '/', no white space at either end, and is not '.' or '..'.";

    /// <summary>True when <paramref name="key"/> follows the rule.</summary>
    public static bool IsValid(string? key) => Check(key) is null;

    /// <summary>What is wrong with <paramref name="key"/>, in words a client can act on; null when it follows the rule.</summary>
    public static string? Check(string? key) => Problem(key, MaxLength, "key");

    /// <summary>What is wrong with an entity type (the key's rule, at most <see cref="MaxTypeLength"/> long, no <c>.</c>); null when none.</summary>
    public static string? CheckType(string? type) =>
        Problem(type, MaxTypeLength, "type") ?? (type!.Contains('.', StringComparison.Ordinal) ? $"An aggregate type cannot contain '.': '{type}'." : null);

    private static string? Problem(string? value, int maxLength, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"The {what} is empty.";
        }

        if (value.Length > maxLength)
        {
            return $"The {what} is {value.Length} characters long; at most {maxLength} are allowed.";
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return value.AsSpan().Trim().IsEmpty ? $"The {what} is blank." : $"The {what} starts or ends with white space.";
        }

        if (value is "." or "..")
        {
            return $"The {what} cannot be '.' or '..'.";
        }

        // Control characters and surrogates: the rule every text follows, a key included.
        if (TextRule.Check(value, what) is { } text)
        {
            return text;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return $"The {what} contains '/' at position {slash}.";
        }

        return null;
    }
}
