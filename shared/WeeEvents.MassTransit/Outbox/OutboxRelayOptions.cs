namespace WeeEvents.MassTransit.Outbox;

/// <summary>How the outbox relay works; bound from <c>WeeEvents:Outbox</c>.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeeEvents:Outbox";

    /// <summary>The relay's name in telemetry (the <c>wee_events.outbox</c> attribute of the pending gauge).</summary>
    public string Name { get; set; } = "outbox";

    /// <summary>
    /// Whether a commit's outbox rows are published as soon as it returns (default true), instead of waiting for the
    /// relay to claim them. The rows are written leased to this instance, so the relay still takes over whatever is
    /// not confirmed; per aggregate, messages still leave in commit order.
    /// </summary>
    public bool DispatchOnCommit { get; set; } = true;

    /// <summary>Rows claimed and published per round; publishes of one round run concurrently.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long the relay sleeps when idle before it looks again without a wake-up (rows committed by other instances).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirmation before the row is given back.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off after a failed round (exponential, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off while the broker or the database is down.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long dispatched rows are kept before they are purged.</summary>
    public TimeSpan KeepDispatchedFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the pending gauge is refreshed and old rows are purged.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(5);
}
