using MassTransit;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>Which failures are worth retrying for a WeeEvents consumer.</summary>
public static class ConsumerRetry
{
    /// <summary>
    /// Exponential retry of everything except failures that a retry cannot change: an invalid command, a broken
    /// domain rule, an unknown command. Revision conflicts and database errors (transient by nature here) are retried.
    /// </summary>
    public static void Configure(IRetryConfigurator retry, int limit, TimeSpan minInterval, TimeSpan maxInterval, TimeSpan intervalDelta)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Exponential(limit, minInterval, maxInterval, intervalDelta);
        retry.Ignore<CommandValidationFailed>();
        retry.Ignore<DomainRuleViolation>();
        retry.Ignore<HandlerNotFound>();
    }
}
