namespace WeeEvents.Services.Payment.Gateway;

/// <summary>How long Payment waits for its gateway, and when it stops asking (section <c>WeeEvents:Payment:Gateway</c>).</summary>
public sealed class PaymentGatewayOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "WeeEvents:Payment:Gateway";

    /// <summary>
    /// How long one gateway call may take. A charge not answered in time is declined as unavailable (the order is
    /// cancelled and its stock released); a lookup or refund not answered in time is retried. Default 10 s.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The share of calls timing out, within <see cref="SamplingDuration"/>, that opens the circuit: while it is open,
    /// charges are declined as unavailable at once instead of each waiting out the timeout. Default 0.5.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many calls a sampling window needs before it can open the circuit. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which timeouts are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one call tries the gateway again. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
