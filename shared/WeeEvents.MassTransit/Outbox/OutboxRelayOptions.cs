namespace WeeEvents.MassTransit.Outbox;

/// <summary>How the outbox relay works; bound from <c>WeeEvents:Outbox</c>.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeeEvents:Outbox";

    /// <summary>The relay's name in telemetry (the <c>wee_events.outbox</c> attribute of the pending gauge).</summary>
    public string Name { get; set; } = "outbox";

    /// <summary>Rows claimed and published per round; publishes of one round run concurrently.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long the relay waits between claims when idle (default 1 s): the rows commits of this process hand it are
    /// published at once, so the poll only finds rows left behind (given back, a crashed instance's, another's).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirmation before the row is given back.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off after a failed round (exponential, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off while the broker or the database is down.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the relay counts the rows waiting, for the <c>wee_events.outbox.pending</c> gauge (default 5 s).</summary>
    public TimeSpan PendingCountInterval { get; set; } = TimeSpan.FromSeconds(5);
}
