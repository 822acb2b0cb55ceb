namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// How a service's routes consume, bound from <c>WeeEvents:Messaging</c>: the one place their concurrency and the
/// settings of their retry policy are set. The policy has one retry per kind of failure (<see cref="RouteRetries"/>, and
/// the table in the messaging README):
/// <list type="bullet">
/// <item>a lost revision race (<see cref="RevisionConflict"/>) is handled again in a fresh unit of work after each of
/// <see cref="ConflictRetryIntervals"/> (next to nothing at first: the winner is done), then parked;</item>
/// <item>a failure while the service's readiness checks are red (its database or broker away) is handled again until
/// they answer, pauses growing to <see cref="OutageProbeInterval"/>, and is never parked;</item>
/// <item>any other failure (a dropped connection, a dependency's hiccup) is handled again after each of
/// <see cref="RetryIntervals"/>, then the message goes to the route's <c>_error</c> queue;</item>
/// <item>an invalid command, a broken domain rule or an unknown command is never retried: the answer cannot change.</item>
/// </list>
/// </summary>
public sealed class ConsumerOptions
{
    /// <summary>The configuration section of these options.</summary>
    public const string Section = "WeeEvents:Messaging";

    /// <summary>How many correlations (orders) a service's routes handle at once, at most (default 16).</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How many messages each route handles at once (default 8).</summary>
    public int ConcurrentMessages { get; set; } = 8;

    /// <summary>How many messages the broker delivers ahead to each route (default 16, at least <see cref="ConcurrentMessages"/>).</summary>
    public int Prefetch { get; set; } = 16;

    /// <summary>
    /// The raw <c>WeeEvents:Messaging:QueueType</c>: <c>Classic</c> (default, one node's queues) or <c>Quorum</c>
    /// (replicated over a RabbitMQ cluster's nodes), applied to every route's queue and its <c>_error</c> queue. A queue
    /// keeps the type it was declared with: changing it needs the old queues drained and deleted (see the messaging README).
    /// </summary>
    public string? QueueType { get; set; }

    /// <summary>The queue type in force, or null when <see cref="QueueType"/> names none.</summary>
    public RouteQueueType? ResolveQueueType() =>
        string.IsNullOrWhiteSpace(QueueType) ? RouteQueueType.Classic
        // By name only: Enum.TryParse would also take numbers and comma-joined names.
        : Enum.GetValues<RouteQueueType>().Cast<RouteQueueType?>().FirstOrDefault(t => string.Equals(t.ToString(), QueueType.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The raw <c>WeeEvents:Messaging:ConsumeTopology</c>: <c>Service</c> (default: each route declares the contract
    /// exchanges it consumes and binds them to its queue as it starts) or <c>Deployed</c> (the operator's
    /// <c>topology deploy</c> did, as the broker's administrator; the service declares only its own queues and exchanges,
    /// so its broker user needs no right on other services' exchanges). RabbitMQ only.
    /// </summary>
    public string? ConsumeTopology { get; set; }

    /// <summary>The consume topology in force, or null when <see cref="ConsumeTopology"/> names none.</summary>
    public RouteTopology? ResolveConsumeTopology() =>
        string.IsNullOrWhiteSpace(ConsumeTopology) ? RouteTopology.Service
        : Enum.GetValues<RouteTopology>().Cast<RouteTopology?>().FirstOrDefault(t => string.Equals(t.ToString(), ConsumeTopology.Trim(), StringComparison.OrdinalIgnoreCase));

    // Twenty tries growing to a second, then a second at a time: about half a minute in all, as long as a race lost over
    // and over took before, when the transient retry also retried what this one gave up.
    private static readonly int[] DefaultConflictPauses = [0, 1, 2, 4, 8, 15, 25, 35, 50, 70, 90, 120, 150, 200, 250, 300, 400, 500, 600, 800, .. Enumerable.Repeat(1_000, 25)];
    private static readonly int[] DefaultRetryPauses = [100, 300, 700, 1_500, 3_100];

    /// <summary>
    /// The pauses before a message that lost a revision race is handled again (each stretched by up to as much again, at
    /// random); when not configured, 0 ms growing to 1 s over 20 tries, then 1 s for 25 more: a hot aggregate such as a
    /// popular SKU can lose many races in a row, and a message that gave up would be parked and strand its order.
    /// </summary>
    public TimeSpan[]? ConflictRetryIntervals { get; set; }

    /// <summary>
    /// The pauses before a message whose handling failed while its dependencies answer is handled again; when not
    /// configured, 100 ms growing to 3.1 s over 5 tries. Then it is parked.
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    /// <summary>
    /// The longest pause before a message that failed while the service's database or broker was away is handled again
    /// (default 5 s; the first follows after about 250 ms, and each pause doubles). Consumers wait out an outage of any length.
    /// </summary>
    public TimeSpan OutageProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The conflict pauses in force.</summary>
    internal TimeSpan[] ConflictPauses => ConflictRetryIntervals ?? [.. DefaultConflictPauses.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>The conflict retry in force (the validator has refused negative pauses).</summary>
    internal ConflictRetryPolicy ConflictRetry => new(ConflictPauses);

    /// <summary>The transient-failure pauses in force.</summary>
    internal TimeSpan[] RetryPauses => RetryIntervals ?? [.. DefaultRetryPauses.Select(ms => TimeSpan.FromMilliseconds(ms))];
}
