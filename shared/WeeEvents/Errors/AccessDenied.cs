namespace WeeEvents;

/// <summary>
/// The caller may not send this command to this entity: the entity's access rule (<see cref="EntityAccess{TState}"/>) refused
/// it. Hosts answer 403 and count it as a denied attempt.
/// </summary>
public sealed class AccessDenied(AggregateId aggregate, string operation, string subject, string reason)
    : WeeEventsException(aggregate, $"{subject} may not {operation} {aggregate}: {reason}.")
{
    /// <summary>The command that was refused.</summary>
    public string Operation { get; } = operation;

    /// <summary>Who asked.</summary>
    public string Subject { get; } = subject;
}
