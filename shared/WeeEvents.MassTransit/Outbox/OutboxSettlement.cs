using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Records what the relay published: confirmed rows are marked dispatched many per statement, in the background (the
/// broker has them, so only the purge and the claims wait for this); rows not published are given back at once. Should
/// a mark fail, the rows' lease ends and they are published again (at least once; consumers deduplicate).
/// </summary>
internal sealed partial class OutboxSettlement : IAsyncDisposable
{
    private const int MaxBatch = 500;

    // Between statements: under load a row is confirmed every few milliseconds, and marking them one statement each
    // would cost a transaction per row. Nothing waits for the mark but the purge and the claims of later rows (a row
    // stays leased for far longer), so a quarter second's rows share one statement: at 50 ms the marks were a tenth of
    // the services' statements under load and the statement's own cost (an EF Core update) a fiftieth of their CPU.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    // Flushing at stop is bounded: the database may be gone.
    private static readonly TimeSpan Flush = TimeSpan.FromSeconds(5);
    private readonly Channel<long> _dispatched = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IOutboxStore _store;
    private readonly ILogger _logger;
    private readonly Task _marking;

    public OutboxSettlement(IOutboxStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _marking = Task.Run(MarkAsync);
    }

    /// <summary>Rows the broker confirmed; marked dispatched shortly.</summary>
    public void Dispatched(IEnumerable<long> positions)
    {
        foreach (var position in positions)
        {
            _dispatched.Writer.TryWrite(position);
        }
    }

    /// <summary>Gives rows that were not published back to the claims.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<long> positions)
    {
        if (positions.Count == 0)
        {
            return;
        }

        try
        {
            await _store.ReleaseAsync(positions, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The lease still ends on its own; the claims take the rows then.
            LogSettleFailed(e, positions.Count);
        }
    }

    /// <summary>Marks what was confirmed before the relay goes.</summary>
    public async ValueTask DisposeAsync()
    {
        _dispatched.Writer.TryComplete();
        try
        {
            await _marking.WaitAsync(Flush).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Unmarked rows are published again once their lease ends.
        }
    }

    private async Task MarkAsync()
    {
        var batch = new List<long>(MaxBatch);
        while (await _dispatched.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _dispatched.Reader.TryRead(out var position))
            {
                batch.Add(position);
            }

            try
            {
                await _store.MarkDispatchedAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogSettleFailed(e, batch.Count);
            }

            batch.Clear();
            if (!_dispatched.Reader.Completion.IsCompleted)
            {
                await Task.Delay(Gather).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle {Count} outbox row(s); their lease ends and the relay claims them again")]
    private partial void LogSettleFailed(Exception error, int count);
}
