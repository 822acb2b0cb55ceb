using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WeeEvents.Telemetry;

/// <summary>
/// The one ActivitySource and Meter of WeeEvents, both named <see cref="Name"/>, and every instrument.
/// Add the source and meter to OpenTelemetry (<c>AddSource("WeeEvents")</c>, <c>AddMeter("WeeEvents")</c>);
/// with no listener attached, instrumentation costs a branch.
/// </summary>
public static class WeeEventsTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "WeeEvents";

    /// <summary>The source of every WeeEvents span.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(WeeEventsTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter of every WeeEvents metric.</summary>
    public static readonly Meter Meter = new(Name, typeof(WeeEventsTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Time to run a command, from validation to append (seconds).</summary>
    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("wee_events.command.duration", "s", "Time to run a command.");

    /// <summary>Commands run, by outcome.</summary>
    public static readonly Counter<long> CommandCount = Meter.CreateCounter<long>("wee_events.command.count", "{command}", "Commands run.");

    /// <summary>Commands that failed, by error type.</summary>
    public static readonly Counter<long> CommandErrors = Meter.CreateCounter<long>("wee_events.command.errors", "{command}", "Commands that failed.");

    /// <summary>Events recorded.</summary>
    public static readonly Counter<long> EventCount = Meter.CreateCounter<long>("wee_events.event.count", "{event}", "Events recorded.");

    /// <summary>Size of recorded event data (bytes of JSON).</summary>
    public static readonly Histogram<int> EventSize = Meter.CreateHistogram<int>("wee_events.event.size", "By", "Size of recorded event data.");

    /// <summary>Time to load and replay an aggregate (seconds).</summary>
    public static readonly Histogram<double> AggregateLoadTime = Meter.CreateHistogram<double>("wee_events.aggregate.load_time", "s", "Time to load and replay an aggregate.");

    /// <summary>Events folded per load (after the snapshot or cached entity it started from): the figure that says whether snapshots are needed, and whether they work.</summary>
    public static readonly Histogram<int> AggregateEventCount = Meter.CreateHistogram<int>("wee_events.aggregate.event_count", "{event}", "Events folded per load.");

    /// <summary>
    /// Loads, by where the fold started (<see cref="Attributes.LoadSource"/>): <c>cache</c> (the entity as last folded in
    /// this process), <c>snapshot</c> or <c>stream</c> (the first event). The share of <c>snapshot</c> is the snapshot hit rate.
    /// </summary>
    public static readonly Counter<long> AggregateLoads = Meter.CreateCounter<long>("wee_events.aggregate.loads", "{load}", "Loads, by where the fold started.");

    /// <summary>Snapshots taken and handed to the store (written after the commit, best effort).</summary>
    public static readonly Counter<long> SnapshotCount = Meter.CreateCounter<long>("wee_events.snapshot.count", "{snapshot}", "Snapshots taken.");

    /// <summary>Time from an outbox row's commit to the broker's confirmation of its publish (seconds).</summary>
    public static readonly Histogram<double> OutboxDispatchLatency = Meter.CreateHistogram<double>("wee_events.outbox.dispatch_latency", "s", "Time from commit to confirmed publish.");

    /// <summary>Deliveries skipped because the inbox had already recorded the message.</summary>
    public static readonly Counter<long> InboxDuplicates = Meter.CreateCounter<long>("wee_events.inbox.duplicates", "{message}", "Duplicate deliveries skipped.");

    /// <summary>
    /// Time to handle one delivered message on a route, from its arrival to its commit (seconds), by
    /// <see cref="Attributes.Consumer"/> and <see cref="Attributes.Outcome"/> (<c>success</c>, <c>duplicate</c>, <c>error</c>).
    /// </summary>
    public static readonly Histogram<double> MessageDuration = Meter.CreateHistogram<double>(MessageDurationName, "s", "Time to handle a delivered message.");

    /// <summary>The name of <see cref="MessageDuration"/>.</summary>
    public const string MessageDurationName = "wee_events.message.duration";

    /// <summary>Attempts refused because the caller may not do what it asked (a missing role); the log names the caller.</summary>
    public static readonly Counter<long> CommandDenied = Meter.CreateCounter<long>("wee_events.command.denied", "{attempt}", "Attempts refused for want of permission.");

    /// <summary><c>wee_events.audit.failures</c>: audit entries that could not be written (their sink threw); by command.</summary>
    public static readonly Counter<long> AuditFailures = Meter.CreateCounter<long>("wee_events.audit.failures", "{entry}", "Audit entries whose sink failed.");

    /// <summary>Name of the gauge of outbox rows waiting (registered by the relay, which can count them).</summary>
    public const string OutboxPendingName = "wee_events.outbox.pending";

    /// <summary>Attribute names, shared by spans and metrics.</summary>
    public static class Attributes
    {
        /// <summary>The entity type.</summary>
        public const string AggregateType = "wee_events.aggregate.type";

        /// <summary>The aggregate key: spans only, never metrics (unbounded).</summary>
        public const string AggregateKey = "wee_events.aggregate.key";

        /// <summary>The message route (consumer) that handled a delivery, e.g. <c>order.mark-paid</c>.</summary>
        public const string Consumer = "wee_events.consumer";

        /// <summary>The command name.</summary>
        public const string Command = "wee_events.command";

        /// <summary>The event type name.</summary>
        public const string EventType = "wee_events.event.type";

        /// <summary>The outcome: <c>success</c>, <c>invalid</c>, <c>rejected</c>, <c>conflict</c>, <c>not_found</c> or <c>error</c>.</summary>
        public const string Outcome = "wee_events.outcome";

        /// <summary>Where a load's fold started: <c>cache</c>, <c>snapshot</c> or <c>stream</c>.</summary>
        public const string LoadSource = "wee_events.load.source";

        /// <summary>The revision reached.</summary>
        public const string Revision = "wee_events.revision";

        /// <summary>The correlation id.</summary>
        public const string CorrelationId = "wee_events.correlation_id";

        /// <summary>The command payload, only when payload recording is switched on.</summary>
        public const string Payload = "wee_events.command.payload";

        /// <summary>The conventional error type attribute.</summary>
        public const string ErrorType = "error.type";
    }
}
