using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Everything about fetching a stream for writing and committing it, for one database in one process, and the one home
/// of the in-memory state of its streams: what the process knows of each (<see cref="StreamMemory"/>: the revision it
/// reached, its end as last committed here, the entity last folded from it) and the turns between its units of work
/// (<see cref="StreamTurns"/>). <see cref="EfEventStore"/> and the units of work (<see cref="UnitStreams"/>) go through
/// it; nothing outside the storage package knows it exists. Every shortcut it takes is proven by the database: the
/// unique stream index refuses an append at a revision that is taken, a unit that read a stream from memory and
/// appended nothing has the stream's revision checked, and a kept entity is used only while the stream still holds the
/// event it was folded up to. A lost race and a forgotten customer forget what it held through one path
/// (<see cref="StreamMemory.Forget"/>).
/// </summary>
internal sealed class StreamSession
{
    private readonly StreamMemory _memory;

    public StreamSession(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _memory = new StreamMemory(options.StreamMemory);
        Turns = new StreamTurns(options.StreamTurnWait, options.StreamTurns);
    }

    /// <summary>Turns on streams between this process's units of work.</summary>
    public StreamTurns Turns { get; }

    /// <summary>
    /// Begins one unit of work's view of its streams. A unit that <paramref name="takesTurns"/> not (its handling waits
    /// on the outside world) never makes another unit wait for a stream it reads.
    /// </summary>
    public UnitStreams BeginUnit(WeeEvents.Protection.IPersonalDataProtector? protector = null, bool takesTurns = true) => new(this, protector, takesTurns);

    /// <summary>The stream's end as last committed by this process, or null.</summary>
    public IReadOnlyList<RecordedEvent<JsonElement>>? CommittedEnd(AggregateId aggregate) => _memory.Events(aggregate);

    /// <summary>The entity <paramref name="loader"/> last folded of <paramref name="aggregate"/> in this process, or null.</summary>
    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) =>
        KeptEntity<TState>.For(_memory.Entity(aggregate), loader);

    /// <summary>Keeps <paramref name="kept"/> (a <see cref="KeptEntity{TState}"/> of <paramref name="aggregate"/>) as the entity last folded from what was committed.</summary>
    public void Keep(AggregateId aggregate, object kept) => _memory.Keep(aggregate, kept);

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
            if (_memory.HasReached(aggregate, at.Next()))
            {
                throw new RevisionConflict(aggregate, at, null);
            }

            if (at == Revision.Initial || _memory.HasReached(aggregate, at))
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
        _memory.Reached(aggregate, current);
        return expected.IsMetBy(current) ? current : throw new RevisionConflict(aggregate, expected.Revision!.Value, current);
    }

    /// <summary>Notes what a read returned.</summary>
    public void Read(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        if (events.Count > 0)
        {
            _memory.Reached(aggregate, events[^1].Revision);
        }
    }

    /// <summary>
    /// A commit appended to <paramref name="aggregate"/>, up to <paramref name="last"/>: the stream is kept when the
    /// committer knows it whole (<paramref name="whole"/>), and its events forgotten otherwise, since it may hold events
    /// this process never saw.
    /// </summary>
    public void Committed(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>>? whole, Revision last) =>
        _memory.Committed(aggregate, whole, last);

    /// <summary>What this process holds of <paramref name="aggregate"/> may be old (a lost race): forget it.</summary>
    public void Lost(AggregateId aggregate) => _memory.Forget(aggregate);

    /// <summary>
    /// Another writer took <paramref name="taken"/> of <paramref name="aggregate"/> first (a unique-index violation):
    /// forget what this process held, and remember that the stream reached it, so the next append there fails at once.
    /// </summary>
    public void Lost(AggregateId aggregate, Revision taken) => _memory.Forget(aggregate, taken);

    /// <summary>A data subject was forgotten: what any stream held may hold their values in the clear, so all of it goes.</summary>
    public void SubjectForgotten() => _memory.ForgetAll();
}
