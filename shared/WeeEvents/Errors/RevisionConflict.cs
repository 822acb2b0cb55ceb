namespace WeeEvents;

/// <summary>
/// The aggregate moved on since it was loaded: another writer recorded events first.
/// Raised by stores when the expected revision does not match, and by services once their retries are spent.
/// </summary>
public sealed class RevisionConflict(AggregateId aggregate, Revision expected, Revision? actual)
    : WeeEventsException(aggregate, actual is { } a
        ? $"Revision conflict on {aggregate}: expected revision {expected}, but it is at {a}."
        : $"Revision conflict on {aggregate}: expected revision {expected}, but another writer recorded first.")
{
    /// <summary>The revision the writer expected.</summary>
    public Revision Expected { get; } = expected;

    /// <summary>The revision the aggregate was at, when the store knows it.</summary>
    public Revision? Actual { get; } = actual;
}
