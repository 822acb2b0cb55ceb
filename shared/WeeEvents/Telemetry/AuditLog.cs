using Microsoft.Extensions.Logging;

namespace WeeEvents.Telemetry;

/// <summary>
/// The audit trail of sensitive operations (cancelling an order, changing stock or prices, refunding): one structured
/// entry per attempt, in the log category <see cref="Category"/> so that it can be routed and kept apart from
/// diagnostics. A service description says which commands are audited
/// (<see cref="DispatcherDescriptionBuilder{TState}.Audited"/>); the service writes the entry whatever the outcome, and
/// the HTTP host writes it for attempts it refuses before the service runs (no token, a missing role, a malformed key).
/// Writing an entry never throws: a sink that fails is reported to <see cref="FailureCategory"/> and counted as
/// <c>wee_events.audit.failures</c>, and the command's outcome stays what it was.
/// </summary>
public static partial class AuditLog
{
    /// <summary>The log category of audit entries.</summary>
    public const string Category = "WeeEvents.Audit";

    /// <summary>The log category where an audit entry that could not be written is reported.</summary>
    public const string FailureCategory = "WeeEvents.Audit.Failures";

    /// <summary>The outcome of an attempt the caller was not allowed to make.</summary>
    public const string Denied = "denied";

    /// <summary>The outcome of an attempt refused as malformed (a key or a body that breaks its rule).</summary>
    public const string Invalid = "invalid";

    /// <summary>
    /// Writes one entry: <paramref name="actor"/> (the token's subject, <c>service:{name}</c> for a consumer, or
    /// <c>anonymous</c>) attempted <paramref name="command"/> on <paramref name="aggregate"/>, with
    /// <paramref name="outcome"/> (<c>success</c>, <c>denied</c>, <c>rejected</c>, <c>invalid</c>, <c>conflict</c>,
    /// <c>not_found</c>, <c>error</c>). Never throws; a failure goes to <paramref name="failures"/> when given.
    /// </summary>
    public static void Record(ILogger logger, string? actor, string command, AggregateId aggregate, string outcome, string? correlationId = null, ILogger? failures = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Write(logger, failures, actor, command, aggregate.Encoded, outcome, correlationId);
    }

    /// <summary>
    /// Writes one entry for an attempt whose key is not a valid aggregate key (so no <see cref="AggregateId"/> can be
    /// made of it): the aggregate is written as <c>{entityType}.{key}</c>, escaped for the log.
    /// </summary>
    public static void RecordAttempt(ILogger logger, string? actor, string command, string entityType, string key, string outcome, string? correlationId = null, ILogger? failures = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Write(logger, failures, actor, command, $"{entityType}.{key}", outcome, correlationId);
    }

    private static void Write(ILogger logger, ILogger? failures, string? actor, string command, string aggregate, string outcome, string? correlationId)
    {
        try
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return;
            }

            // Escaped: the actor is a token's subject and the key may be what a caller typed.
            var who = LogText.Escape(actor) ?? "anonymous";
            var what = LogText.Escape(aggregate)!;
            var correlation = LogText.Escape(correlationId);
            WriteEntry(logger, who, command, what, outcome, correlation);
        }
        catch (Exception e)
        {
            // An audit sink that fails must not turn a command's outcome into a 500 (or hide the error it threw): the
            // failure is counted and reported where diagnostics go, and the caller carries on.
            WeeEventsTelemetry.AuditFailures.Add(1, new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Command, command));
            try
            {
                if (failures is not null)
                {
                    var what = LogText.Escape(aggregate)!;
                    WriteFailed(failures, e, command, what, outcome);
                }
            }
            catch (Exception)
            {
                // The diagnostics sink failed too: the counter above is all that can be done.
            }
        }
    }

    [LoggerMessage(EventId = 4100, EventName = "Audit", Level = LogLevel.Information,
        Message = "Audit: {Actor} {Command} {Aggregate}: {Outcome} (correlation {CorrelationId})")]
    private static partial void WriteEntry(ILogger logger, string actor, string command, string aggregate, string outcome, string? correlationId);

    [LoggerMessage(EventId = 4101, EventName = "AuditFailed", Level = LogLevel.Error,
        Message = "Could not write the audit entry for {Command} on {Aggregate} ({Outcome})")]
    private static partial void WriteFailed(ILogger logger, Exception error, string command, string aggregate, string outcome);
}

/// <summary>The audit logger of one service: a type of its own, so that a service's diagnostics logger stays the only <see cref="ILogger"/> it holds.</summary>
internal sealed class AuditTrail(ILoggerFactory loggers)
{
    // Made at the first audited command: most services run many commands, few of them audited.
    private ILogger? _logger;
    private ILogger? _failures;

    public void Record(string? actor, string command, AggregateId aggregate, string outcome, string? correlationId)
    {
        try
        {
            _logger ??= loggers.CreateLogger(AuditLog.Category);
            _failures ??= loggers.CreateLogger(AuditLog.FailureCategory);
        }
        catch (Exception)
        {
            // A logger factory that cannot make a logger leaves nothing to write to; the command goes on regardless.
            return;
        }

        AuditLog.Record(_logger, actor, command, aggregate, outcome, correlationId, _failures);
    }
}
