using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Writes offered snapshots in the background, one at a time, each in its own short transaction after the commit of
/// the events it folds: a command never waits for one and never fails for one. Bounded: when the queue is full (the
/// database is slow or down), further snapshots are dropped, since a later load or command offers another. Disposing
/// it writes what is queued, for a short while.
/// </summary>
internal sealed partial class SnapshotWriter : IAsyncDisposable
{
    private const int Capacity = 1024;
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<WeeEventsDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Snapshot> _queue = Channel.CreateBounded<Snapshot>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _loop;

    public SnapshotWriter(IDbContextFactory<WeeEventsDbContext> contexts, TimeProvider time, ILogger logger)
    {
        _contexts = contexts;
        _time = time;
        _logger = logger;
        // Started by the first snapshot: a service whose loaders declare none never runs it.
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Queues <paramref name="snapshot"/> for writing; never blocks, never throws.</summary>
    public void Offer(Snapshot snapshot)
    {
        if (!_queue.Writer.TryWrite(snapshot))
        {
            LogDropped(snapshot.Aggregate, snapshot.Revision.Value);
            return;
        }

        _ = _loop.Value;
    }

    /// <summary>Writes <paramref name="snapshot"/> now; false when one was already kept at its revision and version.</summary>
    public async Task<bool> SaveAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await SnapshotRows.SaveAsync(db, snapshot, StoreClock.Now(_time), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            _stopping.CancelAfter(DrainOnDispose);
            await _loop.Value.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var snapshot in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    if (!await SaveAsync(snapshot, _stopping.Token))
                    {
                        LogAlreadyKept(snapshot.Aggregate, snapshot.Revision.Value);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Best effort: the events still hold everything, and a later load or command offers another.
                    LogFailed(e, snapshot.Aggregate, snapshot.Revision.Value);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while draining: what is left is dropped.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The snapshot of {Aggregate} at revision {Revision} was kept already")]
    private partial void LogAlreadyKept(AggregateId aggregate, long revision);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped the snapshot of {Aggregate} at revision {Revision}: the writer's queue is full")]
    private partial void LogDropped(AggregateId aggregate, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the snapshot of {Aggregate} at revision {Revision}; loads fold from an earlier one")]
    private partial void LogFailed(Exception error, AggregateId aggregate, long revision);
}
