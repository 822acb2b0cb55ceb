namespace WeeEvents.Operator;

/// <summary>What a service reports of its own work for the operator's services page.</summary>
/// <param name="At">When the figures were read.</param>
/// <param name="WindowSeconds">The span the per-route figures cover, ending at <paramref name="At"/>.</param>
/// <param name="Routes">Each message route this process handled since it started.</param>
/// <param name="Outbox">What its outbox has yet to publish.</param>
public sealed record ServiceMetrics(DateTimeOffset At, double WindowSeconds, IReadOnlyList<RouteHandling> Routes, OutboxBacklog Outbox);

/// <summary>One route's deliveries: over the window, and in total since the process started.</summary>
/// <param name="Route">The route (consumer) name, e.g. <c>order.mark-paid</c>.</param>
/// <param name="Handled">Messages handled in the window.</param>
/// <param name="PerSecond">Messages handled per second over the window.</param>
/// <param name="P50Ms">Median handling time in the window (milliseconds, to within 25%); null when none was handled.</param>
/// <param name="P99Ms">99th percentile handling time in the window (milliseconds, to within 25%).</param>
/// <param name="Duplicates">Deliveries skipped in the window because the inbox had handled them.</param>
/// <param name="Failed">Attempts that failed in the window (each retry counts).</param>
/// <param name="HandledTotal">Messages handled since the process started.</param>
/// <param name="DuplicatesTotal">Duplicates skipped since the process started.</param>
/// <param name="FailedTotal">Failed attempts since the process started.</param>
public sealed record RouteHandling(string Route, long Handled, double PerSecond, double? P50Ms, double? P99Ms, long Duplicates, long Failed, long HandledTotal, long DuplicatesTotal, long FailedTotal);

/// <summary>The outbox rows not yet published.</summary>
/// <param name="Undispatched">How many.</param>
/// <param name="OldestSeconds">How long the oldest has waited; null when there is none.</param>
public sealed record OutboxBacklog(long Undispatched, double? OldestSeconds);
