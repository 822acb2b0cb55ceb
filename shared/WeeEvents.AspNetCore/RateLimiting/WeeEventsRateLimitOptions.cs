namespace WeeEvents.AspNetCore.RateLimiting;

/// <summary>
/// How many requests one caller may send (section <c>WeeEvents:Http:RateLimit</c>, validated at start). A caller is the
/// bearer token's subject, or the remote address of a request without one; each instance of a service counts for
/// itself. Past the limit a request is answered 429 <c>rate-limited</c> with <c>Retry-After</c>, before it reaches a
/// store. The defaults let one ordinary client (an app, an integration) work without ever meeting them while a burst of
/// hundreds of requests from one caller is cut; a load driver or a batch job that is one caller sending more sets them.
/// </summary>
public sealed class WeeEventsRateLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "WeeEvents:Http:RateLimit";

    /// <summary>Whether requests are limited at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most requests one caller may send at once (the bucket's size). Default 200.</summary>
    public int PermitLimit { get; set; } = 200;

    /// <summary>The requests a second one caller may send once the burst is spent (the bucket's refill). Default 100.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>
    /// The commands limited more strictly, as <c>{entity-type}/{command}</c>: those that cost every service work whoever
    /// asks (forgetting a customer clears caches and scans stored replies in all four). Default <c>customer/forget</c>.
    /// </summary>
    public string[] StrictCommands { get; set; } = ["customer/forget"];

    /// <summary>How many of the <see cref="StrictCommands"/> one caller may send per <see cref="StrictWindow"/>. Default 5.</summary>
    public int StrictPermitLimit { get; set; } = 5;

    /// <summary>The window of <see cref="StrictPermitLimit"/>. Default 1 minute.</summary>
    public TimeSpan StrictWindow { get; set; } = TimeSpan.FromMinutes(1);
}
