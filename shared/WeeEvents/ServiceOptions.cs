using WeeEvents.Telemetry;

namespace WeeEvents;

/// <summary>How a service runs commands.</summary>
public sealed record ServiceOptions
{
    /// <summary>
    /// How a command that lost a revision race is decided again on the newer events, before <see cref="RevisionConflict"/>
    /// reaches the caller: five times at once by default; <see cref="ConflictRetryPolicy.None"/> turns retries off.
    /// Inside a consumer's unit of work the unit is what is retried (by the same policy type), not the command.
    /// </summary>
    public ConflictRetryPolicy ConflictRetry { get; init; } = ConflictRetryPolicy.Immediately(5);

    /// <summary>
    /// Entities as last folded, so a load folds only the events since (see <see cref="WeeEvents.EntityCache"/>); the
    /// process-wide <see cref="EntityCache.Shared"/> by default, null to fold every load from the first event.
    /// </summary>
    public EntityCache? EntityCache { get; init; } = EntityCache.Shared;

    /// <summary>Telemetry switches and extra attributes.</summary>
    public WeeEventsTelemetryOptions Telemetry { get; init; } = new();
}

/// <summary>What a caller knows about a command beyond its payload.</summary>
public sealed record CommandOptions
{
    /// <summary>The business transaction the command belongs to; one is made up when absent.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>What caused the command (for example the id of a consumed message); the command's own id when absent.</summary>
    public string? CausationId { get; init; }

    /// <summary>
    /// Who asks: a client as its token names it, or the service itself (<see cref="WeeEvents.Caller.Service"/>, for its
    /// consumers and timers). The entity's access rule (<see cref="EntityAccess{TState}"/>) is checked against every
    /// caller but the service, and the events and the audit trail record its <see cref="WeeEvents.Caller.Actor"/>.
    /// </summary>
    public required Caller Caller { get; init; }

    /// <summary>The client's idempotency key, stored with the events.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// What the command expects of the entity: <see cref="ExpectedRevision.Any"/> (the default) runs it on the entity as
    /// it is, deciding again on the newer state after a lost race; <see cref="ExpectedRevision.At"/> a revision (HTTP
    /// <c>If-Match</c>) runs it only there, and a <see cref="RevisionConflict"/> otherwise, without retrying, since the
    /// caller asked for exactly that revision; <see cref="ExpectedRevision.New"/> runs it only on an entity not yet
    /// created.
    /// </summary>
    public ExpectedRevision ExpectedRevision { get; init; }
}
