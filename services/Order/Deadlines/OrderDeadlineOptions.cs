namespace WeeEvents.Services.Order.Deadlines;

/// <summary>When an order is overdue and how often the Order service looks, bound from <c>WeeEvents:Orders</c>.</summary>
public sealed class OrderDeadlineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeeEvents:Orders";

    /// <summary>
    /// How long after it was placed an order must have ended (default 5 minutes; a healthy order ends in well under a
    /// second). Past it, an order waiting for stock or payment is cancelled with its compensations.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the deadline watch looks for overdue orders (default 15 s).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most overdue orders resolved in one look (default 200); the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 200;
}
