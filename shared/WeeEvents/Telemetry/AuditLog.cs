using Microsoft.Extensions.Logging;

namespace WeeEvents.Telemetry;

/// <summary>
/// The audit trail of sensitive operations (cancelling an order, changing stock or prices, refunding): one structured
/// entry per attempt, in the log category <see cref="Category"/> so that it can be routed and kept apart from
/// diagnostics. A service description says which commands are audited
/// (<see cref="DispatcherDescriptionBuilder{TState}.Audited"/>); the service writes the entry whatever the outcome, and
/// the HTTP host writes it for attempts it refuses before the service runs (a missing role).
/// </summary>
public static partial class AuditLog
{
    /// <summary>The log category of audit entries.</summary>
    public const string Category = "WeeEvents.Audit";

    /// <summary>The outcome of an attempt the caller was not allowed to make.</summary>
    public const string Denied = "denied";

    /// <summary>
    /// Writes one entry: <paramref name="actor"/> (the token's subject, <c>service:{name}</c> for a consumer, or
    /// <c>anonymous</c>) attempted <paramref name="command"/> on <paramref name="aggregate"/>, with
    /// <paramref name="outcome"/> (<c>success</c>, <c>denied</c>, <c>rejected</c>, <c>invalid</c>, <c>conflict</c>,
    /// <c>not_found</c>, <c>error</c>).
    /// </summary>
    public static void Record(ILogger logger, string? actor, string command, AggregateId aggregate, string outcome, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Write(logger, actor ?? "anonymous", command, aggregate.Encoded, outcome, correlationId);
    }

    [LoggerMessage(EventId = 4100, EventName = "Audit", Level = LogLevel.Information,
        Message = "Audit: {Actor} {Command} {Aggregate}: {Outcome} (correlation {CorrelationId})")]
    private static partial void Write(ILogger logger, string actor, string command, string aggregate, string outcome, string? correlationId);
}

/// <summary>The audit logger of one service: a type of its own, so that a service's diagnostics logger stays the only <see cref="ILogger"/> it holds.</summary>
internal sealed class AuditTrail(ILoggerFactory loggers)
{
    // Made at the first audited command: most services run many commands, few of them audited.
    private ILogger? _logger;

    public void Record(string? actor, string command, AggregateId aggregate, string outcome, string? correlationId) =>
        AuditLog.Record(_logger ??= loggers.CreateLogger(AuditLog.Category), actor, command, aggregate, outcome, correlationId);
}
