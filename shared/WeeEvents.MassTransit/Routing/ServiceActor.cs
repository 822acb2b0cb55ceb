namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// The actor recorded on the events of a command a service runs from a consumed message: <c>service:{name}</c>, the
/// name being the route's prefix (routes are named <c>{service}.{command}</c>, as <c>order.mark-stock-reserved</c>).
/// A person's subject never has that shape in the reference system's tokens, so the two cannot be confused.
/// </summary>
public static class ServiceActor
{
    /// <summary>The prefix of every service actor.</summary>
    public const string Prefix = "service:";

    /// <summary>The actor for commands run by <paramref name="route"/>.</summary>
    public static string ForRoute(string route)
    {
        ArgumentException.ThrowIfNullOrEmpty(route);
        var dot = route.IndexOf('.', StringComparison.Ordinal);
        return Prefix + (dot > 0 ? route[..dot] : route);
    }
}
