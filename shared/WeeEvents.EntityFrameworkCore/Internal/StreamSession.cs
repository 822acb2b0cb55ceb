using System.Collections.Concurrent;
using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Everything about fetching a stream for writing and committing it, for one database in one process: the streams
/// committed last (<see cref="StreamCache"/>), turns between this process's units of work (<see cref="StreamTurns"/>),
/// and the revisions each stream is known to have reached. <see cref="EfEventStore"/> and the units of work
/// (<see cref="UnitStreams"/>) go through it; nothing outside the storage package knows it exists. Every shortcut it
/// takes is proven by the database at commit: the unique stream index refuses an append at a revision that is taken,
/// and a unit that read a stream from memory and appended nothing has the stream's revision checked.
/// </summary>
internal sealed class StreamSession
{
    // Revisions only grow (events are never deleted), so "this stream has reached revision n" stays true for ever.
    private readonly ConcurrentDictionary<AggregateId, long> _reached = new();
    private readonly int _reachedCapacity;
    private int _reachedCount; // kept alongside: ConcurrentDictionary.Count takes every lock

    public StreamSession(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Cache = new StreamCache(options.StreamCacheEvents);
        Turns = new StreamTurns(options.StreamTurnWait, options.StreamTurnWaitWhileHolding, options.StreamTurns);
        // As many streams as the cache holds events, at least 10,000: an entry is a key and a number.
        _reachedCapacity = Math.Max(options.StreamCacheEvents, 10_000);
    }

    /// <summary>The streams this process committed last, whole.</summary>
    public StreamCache Cache { get; }

    /// <summary>Turns on streams between this process's units of work.</summary>
    public StreamTurns Turns { get; }

    /// <summary>Begins one unit of work's view of its streams.</summary>
    public UnitStreams BeginUnit(WeeEvents.Protection.IPersonalDataProtector? protector = null) => new(this, protector);

    /// <summary>
    /// The revision an append expecting <paramref name="expected"/> goes after, for a caller that has not read the stream
    /// in this unit. A new stream, or a revision the stream is known to have reached, needs no query: the unique stream
    /// index refuses the insert if another writer got there first. A stream known to be past the expected revision (one
    /// that exists, for a command that creates) fails at once, so the caller reads it instead of losing at commit.
    /// Otherwise the current revision is read, so that an expected revision beyond the stream fails instead of leaving
    /// a gap.
    /// </summary>
    public async Task<Revision> AppendAfterAsync(WeeEventsDbContext db, AggregateId aggregate, ExpectedRevision expected, CancellationToken cancellationToken)
    {
        if (expected.Revision is { } at)
        {
            if (HasReached(aggregate, at.Next()))
            {
                throw new RevisionConflict(aggregate, at, null);
            }

            if (at == Revision.Initial || HasReached(aggregate, at))
            {
                return at;
            }
        }

        return await CheckAsync(db, aggregate, expected, cancellationToken);
    }

    /// <summary>Reads the stream's current revision and checks it against <paramref name="expected"/>.</summary>
    public async Task<Revision> CheckAsync(WeeEventsDbContext db, AggregateId aggregate, ExpectedRevision expected, CancellationToken cancellationToken)
    {
        var current = await EventRows.CurrentRevisionAsync(db, aggregate, cancellationToken);
        Reached(aggregate, current);
        return expected.IsMetBy(current) ? current : throw new RevisionConflict(aggregate, expected.Revision!.Value, current);
    }

    /// <summary>Notes what a read returned.</summary>
    public void Read(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        if (events.Count > 0)
        {
            Reached(aggregate, events[^1].Revision);
        }
    }

    /// <summary>
    /// A commit appended to <paramref name="aggregate"/>, up to <paramref name="last"/>: the stream is kept when the
    /// committer knows it whole (<paramref name="whole"/>), and forgotten otherwise, since it may hold events this
    /// process never saw.
    /// </summary>
    public void Committed(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>>? whole, Revision last)
    {
        Reached(aggregate, last);
        if (whole is not null)
        {
            Cache.Put(aggregate, whole);
        }
        else
        {
            Cache.Drop(aggregate);
        }
    }

    /// <summary>What this process knows of <paramref name="aggregate"/> may be old (a lost race): forget it.</summary>
    public void Lost(AggregateId aggregate) => Cache.Drop(aggregate);

    /// <summary>
    /// Another writer took <paramref name="taken"/> of <paramref name="aggregate"/> first (a unique-index violation):
    /// forget what this process kept, and remember that the stream reached it, so the next append there fails at once.
    /// </summary>
    public void Lost(AggregateId aggregate, Revision taken)
    {
        Cache.Drop(aggregate);
        Reached(aggregate, taken);
    }

    private bool HasReached(AggregateId aggregate, Revision revision) =>
        _reached.TryGetValue(aggregate, out var reached) && reached >= revision.Value;

    private void Reached(AggregateId aggregate, Revision revision)
    {
        if (revision == Revision.Initial)
        {
            return;
        }

        _reached.AddOrUpdate(aggregate, _ => { Interlocked.Increment(ref _reachedCount); return revision.Value; }, (_, known) => Math.Max(known, revision.Value));
        if (Volatile.Read(ref _reachedCount) > _reachedCapacity)
        {
            // Bounded: start over, as the entity cache does. A forgotten stream costs one query, once.
            _reached.Clear();
            Interlocked.Exchange(ref _reachedCount, 0);
        }
    }
}
