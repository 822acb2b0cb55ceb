using System.Diagnostics;
using System.Globalization;

namespace WeeEvents.LoadTest;

/// <summary>
/// The run's rate over its course: the measured orders in five equal parts by when each ended, and each part's orders
/// per second. A long run that slows as it goes (a cache without a bound, rows the hot path scans) shows it here, where
/// the one rate of the whole run hides it.
/// </summary>
internal static class RunRate
{
    private const int Parts = 5;

    /// <summary>
    /// Prints <c>rate_by_fifth=a,b,c,d,e last_to_first=r</c> for the orders of a phase that began at
    /// <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp); nothing for fewer orders than parts.
    /// </summary>
    public static void Report(IReadOnlyList<OrderResult> measured, long started)
    {
        var ends = measured.Select(r => r.At).Order().ToArray();
        if (ends.Length < Parts)
        {
            return;
        }

        var rates = new double[Parts];
        var from = started;
        for (var part = 0; part < Parts; part++)
        {
            var first = ends.Length * part / Parts;
            var last = (ends.Length * (part + 1) / Parts) - 1;
            var seconds = Stopwatch.GetElapsedTime(from, ends[last]).TotalSeconds;
            rates[part] = seconds > 0 ? (last - first + 1) / seconds : 0;
            from = ends[last];
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate_by_fifth={string.Join(',', rates.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))} last_to_first={(rates[0] > 0 ? rates[^1] / rates[0] : 0):0.00}"));
    }
}
