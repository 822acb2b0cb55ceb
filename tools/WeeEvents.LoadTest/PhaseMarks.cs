using System.Diagnostics;
using System.Globalization;

namespace WeeEvents.LoadTest;

/// <summary>
/// Marks the measured phase in a file as it starts and ends: a line <c>measured CPU_MS</c>, then <c>done CPU_MS</c>, each
/// with the driver's own CPU time so far. <c>scripts/bench-budget.sh</c> waits for each line and reads the other
/// processes' counters then, so the budget covers the measured orders only, not the warm-up's JIT and first connections.
/// </summary>
internal sealed class PhaseMarks(string? path)
{
    public void Started() => Mark("measured");

    public void Ended() => Mark("done");

    private void Mark(string what)
    {
        if (path is null)
        {
            return;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{what} {cpu:0}{Environment.NewLine}"));
    }
}
