using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The durable <see cref="IEventStore"/>: a thread-safe singleton that takes a pooled context per call.
/// An append writes the events and the outbox rows of every registered <see cref="IOutboxMapper"/> in one
/// <c>SaveChanges</c> (one transaction) and then wakes the relay through <see cref="IOutboxSignal"/>.
/// Optimistic concurrency comes from the unique (aggregate type, key, revision) index.
/// </summary>
public sealed class EfEventStore(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<IOutboxMapper> mappers,
    IOutboxSignal signal,
    TimeProvider? timeProvider = null) : IEventStore
{
    private readonly IOutboxMapper[] _mappers = [.. mappers];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        AppendOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (events.Count == 0)
        {
            await EventRows.CheckExpectedAsync(db, aggregate, options.ExpectedRevision, cancellationToken);
            return [];
        }

        var after = await EventRows.BaseRevisionAsync(db, aggregate, options.ExpectedRevision, cancellationToken);

        // Rows are only ever added, never changed: no need to scan them for changes at SaveChanges.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var outboxRows = 0;
        var recorded = EventRows.Add(db, aggregate, events, after, options.Metadata, StoreClock.Now(_time), _mappers, ref outboxRows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Classify(e) == UniqueGuard.Stream)
        {
            throw new RevisionConflict(aggregate, options.ExpectedRevision ?? after, null);
        }

        if (outboxRows > 0)
        {
            signal.Notify();
        }

        return recorded;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await EventRows.LoadAsync(db, aggregate, options, cancellationToken);
    }
}
