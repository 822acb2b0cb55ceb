using System.Globalization;
using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// The whole-number query parameters (<c>revision</c>, <c>after</c>, <c>limit</c>): digits only, within a stated
/// range, or a 400 naming the parameter and the range.
/// </summary>
internal static class QueryNumber
{
    /// <summary><paramref name="value"/> as a number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static long Parse(string parameter, string value, long minimum, long maximum) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw HttpRequestProblem.InvalidField(parameter, $"Must be a whole number from {minimum} to {maximum}.");

    /// <summary>
    /// <paramref name="from"/> + <paramref name="count"/>, or <see cref="long.MaxValue"/> when that would not fit: a
    /// revision bound past the last possible revision means "to the end", never an overflow.
    /// </summary>
    public static long SaturatingAdd(long from, long count) =>
        from > long.MaxValue - count ? long.MaxValue : from + count;
}
