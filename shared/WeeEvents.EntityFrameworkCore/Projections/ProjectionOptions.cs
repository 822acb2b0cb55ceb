namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>How the projections' subscriptions read, bound from <c>WeeEvents:Projections</c>.</summary>
public sealed class ProjectionOptions
{
    /// <summary>The configuration section of these options.</summary>
    public const string Section = "WeeEvents:Projections";

    /// <summary>
    /// Whether this instance runs the projections' subscriptions (default true). Several instances may all run them (one
    /// batch applies at a time); set false on instances that should only serve commands and queries, so the read
    /// models' work happens elsewhere.
    /// </summary>
    public bool Run { get; set; } = true;

    /// <summary>How many events one batch (one transaction with its checkpoint) takes at most (default 500).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a subscription waits before it looks again after a batch that was not full, or found nothing (default
    /// 500 ms): the read side's usual lag, traded against the cost of a batch (under load, events gather for this long
    /// and go in one batch). Only a full batch is followed at once by the next.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause after failing batches, which back off from <see cref="PollInterval"/> (default 10 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
