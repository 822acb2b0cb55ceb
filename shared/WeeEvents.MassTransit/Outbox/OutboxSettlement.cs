using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Marks rows published on commit as dispatched, many per statement, in the background: the broker has them, so
/// only the purge and the relay's view wait for this. Should the mark fail, the rows' lease ends and the relay
/// publishes them again (at least once; consumers deduplicate).
/// </summary>
internal sealed partial class OutboxSettlement : IDisposable
{
    private const int MaxBatch = 500;

    // Between statements: under load a row is confirmed every few milliseconds, and marking them one statement each
    // would cost a transaction per row. Nothing waits for the mark but the purge and the relay's view of old rows.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    private readonly Channel<long> _dispatched = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Task _marking;

    public OutboxSettlement(IServiceScopeFactory scopes, ILogger logger)
    {
        _scopes = scopes;
        _logger = logger;
        _marking = Task.Run(MarkAsync);
    }

    public void Dispatched(IEnumerable<long> positions)
    {
        foreach (var position in positions)
        {
            _dispatched.Writer.TryWrite(position);
        }
    }

    public async Task ReleaseAsync(IReadOnlyCollection<long> positions)
    {
        if (positions.Count == 0)
        {
            return;
        }

        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await scope.ServiceProvider.GetRequiredService<IOutboxStore>().ReleaseAsync(positions, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // The lease still ends on its own; the relay takes the rows then.
            LogSettleFailed(e, positions.Count);
        }
    }

    public void Dispose()
    {
        _dispatched.Writer.TryComplete();
        // Flush what was confirmed before the process goes; bounded, since the database may be gone.
        _marking.Wait(TimeSpan.FromSeconds(5));
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
                var scope = _scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await scope.ServiceProvider.GetRequiredService<IOutboxStore>().MarkDispatchedAsync(batch, CancellationToken.None).ConfigureAwait(false);
                }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle {Count} outbox row(s) published on commit; their lease ends and the relay takes them")]
    private partial void LogSettleFailed(Exception error, int count);
}
