namespace WeeEvents.Operator;

/// <summary>
/// The deadlines a service keeps for the entities of a conversation (an order's deadline in the Order service, while
/// the order is open), so an operator sees what is coming for a conversation that stopped.
/// </summary>
public interface IOperatorDeadlines
{
    /// <summary>The deadlines still ahead (or passed but not yet acted on) for the entities keyed by one of <paramref name="ids"/>.</summary>
    Task<IReadOnlyList<UpcomingDeadline>> DeadlinesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}

/// <summary>A deadline a service keeps.</summary>
/// <param name="Aggregate">The stream it is for, encoded <c>type.key</c>.</param>
/// <param name="What">What happens at it, in the operator's words.</param>
/// <param name="DueAt">When.</param>
public sealed record UpcomingDeadline(string Aggregate, string What, DateTimeOffset DueAt);
