using WeeEvents.Telemetry;

namespace WeeEvents;

/// <summary>How a service runs commands.</summary>
public sealed record ServiceOptions
{
    /// <summary>
    /// How many times a command is re-run on a fresh load after losing a revision race, before
    /// <see cref="RevisionConflict"/> reaches the caller. Zero turns retries off.
    /// </summary>
    public int MaxConflictRetries { get; init; } = 5;

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
    /// <summary>Command options with nothing set.</summary>
    public static readonly CommandOptions None = new();

    /// <summary>The business transaction the command belongs to; one is made up when absent.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>What caused the command (for example the id of a consumed message); the command's own id when absent.</summary>
    public string? CausationId { get; init; }

    /// <summary>Who asks.</summary>
    public string? Actor { get; init; }

    /// <summary>
    /// The authenticated caller and their roles, when the command comes from outside the service: resource rules
    /// (<see cref="ResourceOwnership{TState}"/>) are checked against it. Null for commands the service runs itself.
    /// </summary>
    public Caller? Caller { get; init; }

    /// <summary>The client's idempotency key, stored with the events.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Run only if the entity is at this revision (HTTP <c>If-Match</c>); otherwise <see cref="RevisionConflict"/>
    /// without retrying, since the caller asked for exactly this revision.
    /// </summary>
    public Revision? ExpectedRevision { get; init; }
}
