using System.Globalization;
using System.Text;

namespace WeeEvents.Telemetry;

/// <summary>
/// What a caller sent (a request path, a token's <c>sub</c>, a header value), made safe for a plain-text log line:
/// control characters and line breaks are escaped (<c>\n</c>, <c>\u0000</c>) so a caller cannot forge a log entry, a
/// backslash is doubled so an escape cannot be forged either, and the text is cut at <see cref="MaxLength"/> characters
/// so one request cannot flood the log. Every log message that carries caller-supplied text passes it through here.
/// </summary>
public static class LogText
{
    /// <summary>The most characters of one value kept in a log line; the rest is replaced by a count.</summary>
    public const int MaxLength = 512;

    /// <summary><paramref name="text"/> escaped and cut for a log line; null stays null.</summary>
    public static string? Escape(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 16);
        var length = Math.Min(text.Length, MaxLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never cut a pair in two
        }

        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || (char.IsSurrogate(c) && !IsPaired(text, i)) || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (text.Length > MaxLength)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…({text.Length - length} more)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        if (text.Length > MaxLength)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' || char.IsControl(c) || c is '\u2028' or '\u2029' || (char.IsSurrogate(c) && !IsPaired(text, i)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPaired(string text, int i) =>
        char.IsHighSurrogate(text[i])
            ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
