using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WeeEvents.LoadTest;

/// <summary>
/// Marks the measured phase in a file (or a FIFO) as it starts and ends: a line <c>measured CPU_MS</c>, then <c>done CPU_MS</c>, each
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
        // A file or a FIFO (the bench's, read as the line arrives): appended to where it can seek, written where not.
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.End);
        }

        stream.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{what} {cpu:0}\n")));
    }
}
