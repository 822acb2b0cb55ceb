namespace WeeEvents.Operator;

/// <summary>
/// Starts a read model over from the service's events, for an operator: its rows are emptied and its subscription
/// replays every event (<see cref="IOperatorRecords.ProjectionsAsync"/> shows how far it has come). Nothing is
/// published and no command runs again: a projection writes only its own rows.
/// </summary>
public interface IProjectionRebuilds
{
    /// <summary>Rebuilds the projection named <paramref name="name"/>; false when the service has none of that name.</summary>
    Task<bool> RebuildAsync(string name, CancellationToken cancellationToken);
}
