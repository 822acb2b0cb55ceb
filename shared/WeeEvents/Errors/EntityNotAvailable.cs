namespace WeeEvents;

/// <summary>The aggregate has no events (or none up to the revision asked for).</summary>
public sealed class EntityNotAvailable(AggregateId aggregate, Revision? revision = null)
    : WeeEventsException(aggregate, revision is { } r
        ? $"Entity {aggregate} is not available at revision {r}."
        : $"Entity {aggregate} is not available.")
{
    /// <summary>The revision that was asked for, if any.</summary>
    public Revision? RequestedRevision { get; } = revision;
}
