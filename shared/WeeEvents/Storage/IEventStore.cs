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
    /// Throws <see cref="RevisionConflict"/> when the stream is not where <see cref="AppendOptions.ExpectedRevision"/>
    /// says, or when another writer records the same revision first.
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

    /// <summary>Where the stream must be: <see cref="WeeEvents.ExpectedRevision.Any"/> unless set.</summary>
    public ExpectedRevision ExpectedRevision { get; init; }

    /// <summary>The metadata stored with every appended event.</summary>
    public EventMetadata Metadata { get; init; } = EventMetadata.Empty;
}

/// <summary>Which part of a stream to load.</summary>
public sealed record LoadOptions
{
    /// <summary>Only events after this revision (for catching up from a known state).</summary>
    public Revision? AfterRevision { get; init; }

    /// <summary>Only events up to and including this revision (for time travel).</summary>
    public Revision? UpToRevision { get; init; }
}
