namespace WeeEvents;

/// <summary>
/// Where an event store keeps snapshots, beside the events they fold (<see cref="SnapshotPolicy"/>). An event store
/// that implements it lets services of loaders that declare snapshots fold only a stream's tail; one that does not is
/// folded from the first event, as before. Snapshots are kept by aggregate, state version and revision: several per
/// stream, so a time-travel load can start from the latest one at or below the revision it wants.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The snapshot of <paramref name="aggregate"/> at the highest revision at or below <paramref name="upTo"/> of <paramref name="stateVersion"/>; null when none.</summary>
    Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="snapshot"/> now, for tools and tests that fold streams themselves; a snapshot already kept at
    /// that revision and version stays. In a unit of work, whose events are not committed yet, it is written with the
    /// commit instead (as <see cref="Offer"/>).
    /// </summary>
    Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps <paramref name="snapshot"/>, best effort and without waiting: once the events it folds are committed (at
    /// once for a store whose appends commit, with the commit for a unit of work), in the background. Never throws and
    /// never delays the caller; a snapshot that cannot be written is logged and forgotten, since the events still hold.
    /// </summary>
    void Offer(Snapshot snapshot);
}
