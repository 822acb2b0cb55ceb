using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace WeeEvents.Services.Order.Operator;

/// <summary>
/// Where a page of an <see cref="OrderSearch"/> ended, written as an opaque base64url text (no client builds one by hand).
/// </summary>
/// <param name="Stuck">Whether the page ended among the stuck orders.</param>
/// <param name="StuckBefore">The instant the search's first page divided stuck from not: every page of the search keeps it.</param>
/// <param name="PlacedAt">The last row's placing.</param>
/// <param name="OrderId">The last row's id.</param>
public sealed record OrderSearchCursor(bool Stuck, DateTimeOffset StuckBefore, DateTimeOffset PlacedAt, string OrderId)
{
    /// <summary>The cursor as the <c>next</c> of a page.</summary>
    public string Write() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(
        '|', Stuck ? "s" : "o", StuckBefore.UtcTicks.ToString(CultureInfo.InvariantCulture), PlacedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), OrderId)));

    /// <summary>The cursor <paramref name="text"/> holds; null when it is not one this search wrote.</summary>
    public static OrderSearchCursor? Read(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 4);
            return parts is [("s" or "o") and var segment, var before, var placed, { Length: > 0 and <= 200 } id]
                && TextRule.IsValid(id) && Instant(before) is { } stuckBefore && Instant(placed) is { } placedAt
                ? new OrderSearchCursor(segment == "s", stuckBefore, placedAt, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Instant(string ticks) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;
}
