using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WeeEvents.LoadTest;

/// <summary>
/// Marks the measured phase in a file (or a FIFO) as it starts and ends: a line <c>measured CPU_MS FAILED</c>, then
/// <c>done CPU_MS FAILED</c>, each with the driver's own CPU time so far and the delivery attempts the services counted as
/// failed so far (<see cref="ServiceCounters"/>; <c>-</c> when not counted). <c>scripts/bench-budget.sh</c> waits for each
/// line and reads the other processes' counters then, so the budget covers the measured orders only, not the warm-up's
/// JIT and first connections.
/// </summary>
internal sealed class PhaseMarks(string? path, ServiceCounters counters)
{
    public Task StartedAsync(CancellationToken cancellationToken) => MarkAsync("measured", cancellationToken);

    public Task EndedAsync(CancellationToken cancellationToken) => MarkAsync("done", cancellationToken);

    private async Task MarkAsync(string what, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        var failed = await counters.FailedAttemptsAsync(cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        // A file or a FIFO (the bench's, read as the line arrives): appended to where it can seek, written where not.
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.End);
        }

        stream.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{what} {cpu:0} {(failed is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-")}\n")));
    }
}
