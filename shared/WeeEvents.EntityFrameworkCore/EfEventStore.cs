using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The durable <see cref="IEventStore"/>: a thread-safe singleton that takes a pooled context per call.
/// An append writes the events and the outbox rows of every registered <see cref="IOutboxMapper"/> in one
/// transaction and then hands them to the <see cref="IOutboxDispatcher"/> when there is one,
/// or wakes the relay through <see cref="IOutboxSignal"/>.
/// Optimistic concurrency comes from the unique (aggregate type, key, revision) index.
/// </summary>
/// <param name="contexts">The pooled context factory.</param>
/// <param name="mappers">Outbox mappers run on every append.</param>
/// <param name="signal">Wakes the relay after a commit that wrote outbox rows.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="dispatcher">When given (with <paramref name="outbox"/>), publishes a commit's outbox rows as soon as it returns.</param>
/// <param name="outbox">The outbox store whose lease the rows dispatched on commit carry.</param>
/// <param name="streams">
/// The streams units of work read instead of the database: an append here keeps it true (a new stream is put in,
/// any other dropped). Reads here always go to the database, but for a stream asked for as
/// <see cref="LoadOptions.LikelyNew"/>, which is not read at all.
/// </param>
public sealed class EfEventStore(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<IOutboxMapper> mappers,
    IOutboxSignal signal,
    TimeProvider? timeProvider = null,
    IOutboxDispatcher? dispatcher = null,
    EfOutboxStore? outbox = null,
    StreamCache? streams = null) : IEventStore
{
    private readonly IOutboxMapper[] _mappers = [.. mappers];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly CommitDispatch _dispatch = new(dispatcher, outbox, signal);

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

        var after = await EventRows.BaseRevisionAsync(db, aggregate, options, cancellationToken);

        var rows = new CommitRows();
        var now = StoreClock.Now(_time);
        var recorded = EventRows.Add(rows, aggregate, events, after, options.Metadata, now, _mappers);
        using var pending = _dispatch.Begin(rows.Outbox, now);
        try
        {
            await CommitWriter.WriteAsync(db, rows, cancellationToken);
        }
        catch (Exception e) when (UniqueViolation.Classify(e) == UniqueGuard.Stream)
        {
            streams?.Drop(aggregate);
            throw new RevisionConflict(aggregate, options.ExpectedRevision ?? after, null);
        }

        if (after == Revision.Initial)
        {
            streams?.Put(aggregate, recorded);
        }
        else
        {
            streams?.Drop(aggregate);
        }

        _dispatch.Committed(pending, rows.Outbox);
        return recorded;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (options is { LikelyNew: true, AfterRevision: null, UpToRevision: null })
        {
            // Taken as new unread: an append at the initial revision meets the unique stream index if it is not.
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await EventRows.LoadAsync(db, aggregate, options, cancellationToken);
    }
}
