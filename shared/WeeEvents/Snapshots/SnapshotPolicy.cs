namespace WeeEvents;

/// <summary>
/// When a loader's entities are snapshotted, declared on the loader description
/// (<see cref="LoaderDescriptionBuilder{TState}.Snapshots"/>): each time a command takes the stream past a multiple of
/// <see cref="Every"/> events, and whenever a load folds more than <see cref="Every"/> events (the snapshot that should
/// have been there was lost, or the stream predates the policy). A load then folds at most about
/// <see cref="Every"/> events, however long the stream.
/// </summary>
/// <param name="Every">Events between snapshots: at least 1.</param>
/// <param name="StateVersion">
/// The version of the state's JSON shape. Raise it whenever the state type changes in a way old JSON would be misread:
/// snapshots of any other version are ignored (the load folds from the events), never misread.
/// </param>
public sealed record SnapshotPolicy(int Every, int StateVersion)
{
    /// <summary>Whether a command that moved the stream from <paramref name="before"/> to <paramref name="after"/> crossed a multiple of <see cref="Every"/>.</summary>
    public bool IsDue(Revision before, Revision after) => after.Value / Every > before.Value / Every;
}
