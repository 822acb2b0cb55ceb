using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// One unit of work's view of its streams (from <see cref="StreamSession.BeginUnit"/>): what it read of each, from
/// memory or the database; what it staged; the entities its loaders folded; the turns it holds. Each stream is read at
/// most once per unit, so a handler that checks an aggregate and then runs a command on it costs one read. Before the
/// commit, <see cref="ProveAsync"/> checks each stream read from memory and not appended to; the unique stream index
/// proves the others. Only what a commit proved reaches the session: the streams it wrote and the entities its loaders
/// folded, after it returns.
/// </summary>
internal sealed class UnitStreams(StreamSession session, WeeEvents.Protection.IPersonalDataProtector? protector = null, bool takesTurns = true) : IDisposable
{
    private readonly Dictionary<AggregateId, Stream> _streams = [];
    private readonly Dictionary<AggregateId, object> _kept = [];
    private readonly List<StreamTurns.Turn> _turns = [];
    private readonly HashSet<int> _heldStripes = [];

    /// <summary>The streams this unit appended to, with the revision each append went after.</summary>
    public IEnumerable<(AggregateId Aggregate, Revision After)> Appended =>
        _streams.Where(s => s.Value.Staged.Count > 0).Select(s => (s.Key, s.Value.After));

    /// <summary>
    /// Reads <paramref name="aggregate"/> as this unit will leave it: from what the unit read already, else from the
    /// session's memory, else from the database; with the events the unit staged. A read of the stream's end from some
    /// revision on (a service that folds from a snapshot or a kept entity reads only the tail) is known to the unit just
    /// as a whole read is: read once, proven at commit, and kept in memory after it from that revision on.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        WeeEventsDbContext db, AggregateId aggregate, LoadOptions? options, CancellationToken cancellationToken)
    {
        var after = options?.AfterRevision ?? Revision.Initial;
        var upTo = options?.UpToRevision ?? new Revision(long.MaxValue);
        var toTheEnd = upTo.Value == long.MaxValue;
        _streams.TryGetValue(aggregate, out var stream);
        if (stream?.Read is null || stream.ReadAfter > after)
        {
            if (stream is null)
            {
                // The turn first: a unit that waited for it reads what the unit before it committed.
                await TakeTurnAsync(aggregate, cancellationToken);
            }

            if (stream is { Read: null, Staged.Count: > 0, After.Value: 0 })
            {
                // Started by this unit without a read: the stream is new, or the commit fails on its unique index.
                (stream.Read, stream.ReadAfter) = ([], Revision.Initial);
            }
            else if (stream?.Read is null && session.CommittedEnd(aggregate) is { } cached && Covers(cached, after))
            {
                stream = Track(aggregate);
                (stream.Read, stream.ReadAfter, stream.FromMemory) = (cached, new Revision(cached[0].Revision.Value - 1), true);
            }
            else if (!toTheEnd)
            {
                // A part of a stream is read for the caller only (time travel, catching up).
                return Combine(await EventRows.LoadAsync(db, aggregate, options, protector, cancellationToken), stream, after, upTo);
            }
            else if (stream?.Read is { } later)
            {
                // Known from a later revision: the part before it, read now, completes it (the end is as the unit read it).
                var part = await EventRows.LoadAsync(db, aggregate, new LoadOptions { AfterRevision = after, UpToRevision = stream.ReadAfter }, protector, cancellationToken);
                (stream.Read, stream.ReadAfter) = ([.. part, .. later], after);
            }
            else
            {
                var read = await EventRows.LoadAsync(db, aggregate, after == Revision.Initial ? null : new LoadOptions { AfterRevision = after }, protector, cancellationToken);
                session.Read(aggregate, read);
                if (read.Count == 0 && after != Revision.Initial)
                {
                    // The stream ends at or before `after`, where exactly is not known: nothing to keep.
                    return Combine(read, stream, after, upTo);
                }

                stream = Track(aggregate);
                (stream.Read, stream.ReadAfter) = (read, after);
            }
        }

        stream.KeepAfter = stream.KeepAfter is { } keep && keep < after ? keep : after;
        IReadOnlyList<RecordedEvent<JsonElement>> known = stream.ReadAfter == after && toTheEnd
            ? stream.Read
            : [.. stream.Read.Where(e => e.Revision > after && e.Revision <= upTo)];
        return Combine(known, stream, after, upTo);
    }

    /// <summary>Whether <paramref name="events"/>, a stream's end, hold every event after <paramref name="after"/>.</summary>
    private static bool Covers(IReadOnlyList<RecordedEvent<JsonElement>> events, Revision after) =>
        events.Count > 0 && events[0].Revision.Value <= after.Value + 1;

    /// <summary>
    /// The revision an append expecting <paramref name="expected"/> goes after: the stream as this unit knows it, or,
    /// for one it has not touched, as the session decides.
    /// </summary>
    public async Task<Revision> AppendAfterAsync(WeeEventsDbContext db, AggregateId aggregate, ExpectedRevision expected, bool hasEvents, CancellationToken cancellationToken)
    {
        if (_streams.TryGetValue(aggregate, out var stream) && stream.Current is { } current)
        {
            return expected.IsMetBy(current) ? current : throw new RevisionConflict(aggregate, expected.Revision!.Value, current);
        }

        if (stream is null)
        {
            // An append without a read (a command that starts its stream) takes the turn as a read does: a unit of this
            // process that read the stream and is about to append to it commits first, and this one then fails at once
            // on the revision it reached and reads it, instead of both committing revision 1 and one losing at commit.
            await TakeTurnAsync(aggregate, cancellationToken);
        }

        // An empty append has no insert to prove it, so its expectation is always checked against the database.
        return hasEvents
            ? await session.AppendAfterAsync(db, aggregate, expected, cancellationToken)
            : expected.Revision is null ? Revision.Initial : await session.CheckAsync(db, aggregate, expected, cancellationToken);
    }

    /// <summary>Stages events appended after <paramref name="after"/>.</summary>
    public void Stage(AggregateId aggregate, Revision after, IReadOnlyList<RecordedEvent<JsonElement>> recorded)
    {
        var stream = Track(aggregate);
        if (stream.Staged.Count == 0)
        {
            stream.After = after;
        }

        stream.Staged.AddRange(recorded);
    }

    /// <summary>The revision the first append to <paramref name="aggregate"/> went after.</summary>
    public Revision AfterOf(AggregateId aggregate) => _streams.TryGetValue(aggregate, out var s) ? s.After : Revision.Initial;

    /// <summary>
    /// Before the commit: a stream read from memory and not appended to is checked against the database, so that no
    /// decision rests on a stream another process has moved on (an appended one is proven by its unique index). Found
    /// moved on, it is forgotten and the unit fails as a lost race.
    /// </summary>
    public async Task ProveAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (aggregate, stream) in _streams)
        {
            if (stream is { FromMemory: true, Staged.Count: 0, Read: { } read })
            {
                var expected = read.Count == 0 ? Revision.Initial : read[^1].Revision;
                var current = await EventRows.CurrentRevisionAsync(db, aggregate, cancellationToken);
                if (current != expected)
                {
                    session.Lost(aggregate);
                    throw new RevisionConflict(aggregate, expected, current);
                }
            }
        }
    }

    /// <summary>The entity <paramref name="loader"/> folded of <paramref name="aggregate"/> in this unit, else in the session; or null.</summary>
    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) =>
        _kept.TryGetValue(aggregate, out var kept) ? KeptEntity<TState>.For(kept, loader) : session.Find(loader, aggregate);

    /// <summary>Keeps an entity a loader folded, for this unit at once and for the session once the unit commits.</summary>
    public void Keep<TState>(KeptEntity<TState> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        _kept[kept.Entity.Aggregate] = kept;
    }

    /// <summary>After the commit: each stream appended to is kept whole where the unit knows it whole, and each entity its loaders folded.</summary>
    public void Committed()
    {
        foreach (var (aggregate, stream) in _streams)
        {
            if (stream.Staged.Count == 0)
            {
                continue;
            }

            // Kept from the earliest revision the unit asked for: a service that reads only the tail never needs more,
            // and a stream's memory stays as short as its readers' needs however long the stream grows.
            var readUpTo = stream.Read is { Count: > 0 } read ? read[^1].Revision : stream.ReadAfter;
            var keepAfter = stream.KeepAfter ?? Revision.Initial;
            IReadOnlyList<RecordedEvent<JsonElement>>? end = stream.Read is not null && readUpTo == stream.After
                ? [.. stream.Read.Where(e => e.Revision > keepAfter), .. stream.Staged]
                : stream.After == Revision.Initial ? stream.Staged
                : null;
            session.Committed(aggregate, end, stream.Staged[^1].Revision);
        }

        foreach (var (aggregate, kept) in _kept)
        {
            session.Keep(aggregate, kept);
        }

        ReleaseTurns();
    }

    /// <summary>After a failed commit: what the unit read of its streams may be old, so the retry reads the database.</summary>
    public void Failed()
    {
        foreach (var (aggregate, stream) in _streams)
        {
            if (stream.Staged.Count > 0)
            {
                session.Lost(aggregate);
            }
        }
    }

    /// <summary>Another writer got to <paramref name="aggregate"/> first: its next revision after this unit's base is taken.</summary>
    public void Contested(AggregateId aggregate) => session.Lost(aggregate, AfterOf(aggregate).Next());

    public void Dispose() => ReleaseTurns();

    private static IReadOnlyList<RecordedEvent<JsonElement>> Combine(IReadOnlyList<RecordedEvent<JsonElement>> stored, Stream? stream, Revision after, Revision upTo) =>
        stream is null || stream.Staged.Count == 0
            ? stored
            : [.. stored, .. stream.Staged.Where(e => e.Revision > after && e.Revision <= upTo)]; // a handler sees its own staged events

    private Stream Track(AggregateId aggregate)
    {
        if (!_streams.TryGetValue(aggregate, out var stream))
        {
            _streams[aggregate] = stream = new Stream();
        }

        return stream;
    }

    private async Task TakeTurnAsync(AggregateId aggregate, CancellationToken cancellationToken)
    {
        if (!takesTurns)
        {
            // Holds no turn, so it never holds another unit up while it waits on the outside world; but it lets a unit at
            // work on the stream commit first, and reads what that unit wrote instead of racing it.
            await session.Turns.PassAsync(aggregate, cancellationToken);
            return;
        }

        var turn = await session.Turns.TakeAsync(aggregate, _heldStripes, cancellationToken);
        if (turn.Held)
        {
            _turns.Add(turn);
            _heldStripes.Add(turn.Stripe);
        }
    }

    private void ReleaseTurns()
    {
        foreach (var turn in _turns)
        {
            turn.Release();
        }

        _turns.Clear();
        _heldStripes.Clear();
    }

    /// <summary>One stream as this unit knows it.</summary>
    private sealed class Stream
    {
        /// <summary>The stream as read, from after <see cref="ReadAfter"/> to its end (null until read).</summary>
        public IReadOnlyList<RecordedEvent<JsonElement>>? Read { get; set; }

        /// <summary>The revision <see cref="Read"/> starts after: <see cref="Revision.Initial"/> for a whole stream.</summary>
        public Revision ReadAfter { get; set; }

        /// <summary>The earliest revision a reader of this unit asked to read after (null until read).</summary>
        public Revision? KeepAfter { get; set; }

        /// <summary>Read from the session's memory rather than the database.</summary>
        public bool FromMemory { get; set; }

        /// <summary>The revision the unit's first append went after.</summary>
        public Revision After { get; set; }

        /// <summary>Events appended, to be written at commit.</summary>
        public List<RecordedEvent<JsonElement>> Staged { get; } = [];

        /// <summary>Where the unit will leave the stream, when it knows.</summary>
        public Revision? Current => Staged.Count > 0 ? Staged[^1].Revision
            : Read is { } read ? (read.Count == 0 ? ReadAfter : read[^1].Revision)
            : null;
    }
}
