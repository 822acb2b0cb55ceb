namespace WeeEvents.AspNetCore.Health;

/// <summary>The tags that choose which health checks each probe runs.</summary>
public static class HealthTags
{
    /// <summary>Checks of the process itself, run by <c>/health/live</c>: failing means restart me.</summary>
    public const string Live = "live";

    /// <summary>
    /// Checks of what the service needs to do work (its database, its broker), run by <c>/health/ready</c>:
    /// failing means send me no traffic. Hosts tag their database and broker checks with it.
    /// </summary>
    public const string Ready = "ready";
}
