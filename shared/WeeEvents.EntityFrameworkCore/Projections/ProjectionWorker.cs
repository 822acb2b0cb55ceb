using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// The subscription behind one projection: reads the service's events after its checkpoint in commit order
/// (<see cref="EventFeed"/>), applies each batch and moves the checkpoint in one transaction, and starts from position
/// zero when it has no checkpoint (a new projection catches up, a rebuilt one starts over). Each batch first locks the
/// checkpoint's row, so of several instances of a service one applies a batch at a time and the next starts where it
/// ended: none applies an event twice. Failing batches are retried with back-off; delivery is at least once per batch
/// attempt, exactly once per committed checkpoint.
/// </summary>
internal sealed partial class ProjectionWorker(
    ProjectionDescription projection,
    IDbContextFactory<WeeEventsDbContext> contexts,
    IOptions<ProjectionOptions> options,
    TimeProvider time,
    ILogger<ProjectionWorker> logger) : BackgroundService
{
    private readonly ProjectionOptions _options = options.Value;

    /// <summary>The projection's name.</summary>
    public string Projection => projection.Name;
    private SubscriptionLag.State? _lag;
    private bool _checkpointExists;

    /// <summary>Applies one batch; returns how many events it read (0 when caught up).</summary>
    internal async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        if (!_checkpointExists)
        {
            await EnsureCheckpointAsync(cancellationToken);
            _checkpointExists = true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        var checkpoints = db.Checkpoints.Where(c => c.Name == projection.Name);
        // A look without a transaction first: a caught-up subscription writes nothing, however often it looks.
        var seen = await checkpoints.AsNoTracking().SingleAsync(cancellationToken);
        if ((await EventFeed.ReadAsync(db, new FeedCursor(seen.CommitOrder, seen.Position), 1, static (_, _) => false, cancellationToken)).Count == 0)
        {
            _lag?.CaughtUp();
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // A read model is derived data, applied with its checkpoint: a commit lost in a crash is applied again, so
            // it need not wait for the disk (its visibility does not change).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", cancellationToken);
        }

        // The row lock that keeps another instance's batch waiting until this one commits, and then reading after it.
        await checkpoints.ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, StoreClock.Now(time)), cancellationToken);
        var checkpoint = await checkpoints.AsNoTracking().SingleAsync(cancellationToken);
        var events = await EventFeed.ReadAsync(db, new FeedCursor(checkpoint.CommitOrder, checkpoint.Position), _options.BatchSize, projection.Handles, cancellationToken);
        if (events.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            _lag?.CaughtUp();
            return 0;
        }

        var context = new ProjectionContext(db, cancellationToken);
        await PrefetchAsync(db, context, events);
        foreach (var e in events)
        {
            if (e.Event is { } recorded && projection.HandlerFor(recorded) is { } handle)
            {
                await handle(context, recorded);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var last = events[^1];
        await checkpoints.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.CommitOrder, last.Cursor.CommitOrder).SetProperty(c => c.Position, last.Cursor.Position),
            cancellationToken);
        // Only a full batch may leave events behind; then one indexed MAX says about how many.
        var behind = events.Count < _options.BatchSize ? 0 : Math.Max(0, (await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0) - last.Cursor.Position);
        await transaction.CommitAsync(cancellationToken);
        _lag?.Applied(last.RecordedAt, StoreClock.Now(time), behind);
        return events.Count;
    }

    // Rows keyed by one string (as most are: by aggregate key) are loaded for the whole batch in one query per row type,
    // rather than one query per event: a rebuild goes many times faster.
    private async Task PrefetchAsync(WeeEventsDbContext db, ProjectionContext context, IReadOnlyList<FeedEvent> events)
    {
        var keys = events.Where(e => e.Event is not null).Select(e => e.Event!.Aggregate.Key).ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return;
        }

        foreach (var rowType in projection.RowTypes)
        {
            if (db.Model.FindEntityType(rowType)?.FindPrimaryKey() is { Properties: [{ ClrType: var type } key] } && type == typeof(string))
            {
                await (Task)PrefetchMethod.MakeGenericMethod(rowType).Invoke(context, [key.Name, keys])!;
            }
        }
    }

    private static readonly System.Reflection.MethodInfo PrefetchMethod =
        typeof(ProjectionContext).GetMethod(nameof(ProjectionContext.PrefetchAsync), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;

    /// <summary>Creates the checkpoint at position zero unless it exists; a twin instance may create it first.</summary>
    private async Task EnsureCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Checkpoints.AnyAsync(c => c.Name == projection.Name, cancellationToken))
        {
            return;
        }

        try
        {
            db.Checkpoints.Add(new SubscriptionCheckpointRow { Name = projection.Name, UpdatedAt = StoreClock.Now(time) });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance may have created it between the look and the insert; if not, this is the real error.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await again.Checkpoints.AnyAsync(c => c.Name == projection.Name, cancellationToken))
            {
                throw;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Run)
        {
            return;
        }

        using var lag = SubscriptionLag.Register(projection.Name);
        _lag = lag;
        var pause = _options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Only a full batch goes straight on to the next: under a steady load, events that arrive while a batch
                // is applied wait for the next poll and go in one batch, rather than in a transaction of a few each
                // (the cost of a batch is mostly its round trips, whatever it holds).
                var read = await RunBatchAsync(stoppingToken);
                pause = _options.PollInterval;
                if (read >= _options.BatchSize)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(projection.Name, pause, e);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} could not apply a batch; trying again in {Pause}")]
    private partial void LogBatchFailed(string projection, TimeSpan pause, Exception error);
}
