using System.Text.Json;

namespace WeeEvents;

/// <summary>
/// Where aggregates' events are kept. Appends are atomic per call and guarded by the expected revision;
/// loads return events in revision order.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Records <paramref name="events"/> at the end of the aggregate's stream, all or none.
    /// Throws <see cref="RevisionConflict"/> when <see cref="AppendOptions.ExpectedRevision"/> is set and
    /// the stream is elsewhere, or when another writer records the same revision first.
    /// </summary>
    /// <returns>The events as recorded, with their ids, revisions and timestamps.</returns>
    Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        AppendOptions options,
        CancellationToken cancellationToken = default);

    /// <summary>Reads the aggregate's events in revision order; none when it has no events.</summary>
    Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default);
}

/// <summary>How to append.</summary>
public sealed record AppendOptions
{
    /// <summary>Append without a revision check and without metadata.</summary>
    public static readonly AppendOptions Default = new();

    /// <summary>The revision the stream must be at, or null to append wherever it is.</summary>
    public Revision? ExpectedRevision { get; init; }

    /// <summary>The metadata stored with every appended event.</summary>
    public EventMetadata Metadata { get; init; } = EventMetadata.Empty;

    /// <summary>
    /// Set when <see cref="ExpectedRevision"/> is a revision the caller has just read from this store (as a
    /// service does: it appends at the revision it loaded). The stream is then known to reach that revision, so a
    /// store may skip reading it before the insert; a writer that came in between is still caught by the store's
    /// concurrency guard. Never set it for a revision that came from anywhere else (a client, say): a revision
    /// beyond the stream would then leave a gap instead of failing.
    /// </summary>
    public bool ExpectedRevisionWasRead { get; init; }
}

/// <summary>Which part of a stream to load.</summary>
public sealed record LoadOptions
{
    /// <summary>Only events after this revision (for catching up from a known state).</summary>
    public Revision? AfterRevision { get; init; }

    /// <summary>Only events up to and including this revision (for time travel).</summary>
    public Revision? UpToRevision { get; init; }

    /// <summary>
    /// A hint that the stream most likely has no events yet: a command that starts it is about to run. A store whose
    /// append at the initial revision fails on a stream that exists (a unique index does) may answer with no events
    /// without reading; a store that cannot prove it reads as usual. The caller must treat an empty answer as a guess:
    /// it appends expecting <see cref="Revision.Initial"/>, and reads for real after a conflict, or after any outcome
    /// that appended nothing. Ignored together with <see cref="AfterRevision"/> or <see cref="UpToRevision"/>.
    /// </summary>
    public bool LikelyNew { get; init; }
}
