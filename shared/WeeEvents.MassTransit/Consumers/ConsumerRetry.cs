using MassTransit;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>Which failures are worth retrying for a WeeEvents consumer.</summary>
public static class ConsumerRetry
{
    /// <summary>
    /// Short, growing pauses for a lost revision race: another message moved the aggregate, so trying again at once
    /// on a fresh load usually wins. Many of them, because a hot aggregate (a popular SKU) can lose many races in a
    /// row, and a message that gives up would leave its order waiting in the error queue.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> ConflictIntervals =
        [.. new[] { 5, 10, 15, 25, 35, 50, 70, 90, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1_000, 1_000, 1_000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>Retries only <see cref="RevisionConflict"/>, at <see cref="ConflictIntervals"/>; inside the general retry.</summary>
    public static void ConfigureConflicts(IRetryConfigurator retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Intervals([.. ConflictIntervals]);
        retry.Handle<RevisionConflict>();
    }

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
