using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The durable <see cref="IEventStore"/>: a thread-safe singleton that takes a pooled context per call.
/// An append writes the events and the outbox rows of every registered <see cref="IOutboxMapper"/> in one
/// transaction and then hands them to the relay of this process when one is subscribed
/// (<see cref="EfOutboxStore.SubscribeToCommits"/>).
/// Optimistic concurrency comes from the unique (aggregate type, key, revision) index. Snapshots are kept in the same
/// database (the <c>snapshots</c> table); offered ones are written in the background, as their events are committed already.
/// </summary>
/// <param name="parts">
/// The database's contexts, mappers, outbox and clock; and the stream session, where appends learn where the
/// stream is and keep its memory true (a new stream is kept, any other forgotten). Reads here always go to the database.
/// </param>
internal sealed class EfEventStore(StorageParts parts) : IEventStore, ISnapshotStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        AppendOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        await using var db = await parts.Contexts.CreateDbContextAsync(cancellationToken);
        if (events.Count == 0)
        {
            // Nothing to insert, so nothing proves the expectation: it is checked.
            if (options.ExpectedRevision.Revision is not null)
            {
                await parts.Streams.CheckAsync(db, aggregate, options.ExpectedRevision, cancellationToken);
            }

            return [];
        }

        var after = await parts.Streams.AppendAfterAsync(db, aggregate, options.ExpectedRevision, cancellationToken);

        var rows = new CommitRows();
        var now = StoreClock.Now(parts.Time);
        var recorded = await EventRows.AddAsync(rows, aggregate, events, after, options.Metadata, now, parts.Mappers, parts.Protector, cancellationToken);
        var relay = parts.Outbox.LeaseToRelay(rows.Outbox, now);
        try
        {
            await CommitWriter.WriteAsync(db, rows, cancellationToken);
        }
        catch (Exception e) when (UniqueViolation.Classify(e) == UniqueGuard.Stream)
        {
            parts.Streams.Lost(aggregate, after.Next());
            throw new RevisionConflict(aggregate, after, null);
        }

        // Before the stream session learns of the commit, so the relay hears this aggregate's commits in order.
        EfOutboxStore.HandOver(relay, rows.Outbox);
        // A stream this append started is known whole; any other may hold events this process never saw.
        parts.Streams.Committed(aggregate, after == Revision.Initial ? recorded : null, recorded[^1].Revision);
        return recorded;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await parts.Contexts.CreateDbContextAsync(cancellationToken);
        var events = await EventRows.LoadAsync(db, aggregate, options, parts.Protector, cancellationToken);
        parts.Streams.Read(aggregate, events);
        return events;
    }

    /// <inheritdoc />
    public async Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default)
    {
        await using var db = await parts.Contexts.CreateDbContextAsync(cancellationToken);
        return await SnapshotRows.LatestAsync(db, aggregate, stateVersion, upTo, cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return parts.Snapshots.SaveAsync(snapshot, cancellationToken);
    }

    /// <inheritdoc />
    public void Offer(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        parts.Snapshots.Offer(snapshot);
    }
}
