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
/// <param name="session">
/// Where appends learn where the stream is and keep the session's memory true (a new stream is kept, any other
/// forgotten). Reads here always go to the database.
/// </param>
internal sealed class EfEventStore(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<IOutboxMapper> mappers,
    IOutboxSignal signal,
    StreamSession session,
    TimeProvider? timeProvider = null,
    IOutboxDispatcher? dispatcher = null,
    EfOutboxStore? outbox = null) : IEventStore
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
            // Nothing to insert, so nothing proves the expectation: it is checked.
            if (options.ExpectedRevision.Revision is not null)
            {
                await session.CheckAsync(db, aggregate, options.ExpectedRevision, cancellationToken);
            }

            return [];
        }

        var after = await session.AppendAfterAsync(db, aggregate, options.ExpectedRevision, cancellationToken);

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
            session.Lost(aggregate);
            throw new RevisionConflict(aggregate, after, null);
        }

        // A stream this append started is known whole; any other may hold events this process never saw.
        session.Committed(aggregate, after == Revision.Initial ? recorded : null, recorded[^1].Revision);

        _dispatch.Committed(pending, rows.Outbox);
        return recorded;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await EventRows.LoadAsync(db, aggregate, options, cancellationToken);
        session.Read(aggregate, events);
        return events;
    }
}
