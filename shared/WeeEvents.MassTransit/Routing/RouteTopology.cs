namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Who declares the contract exchanges a service's routes consume, and binds them to the routes' queues
/// (<c>WeeEvents:Messaging:ConsumeTopology</c>).
/// </summary>
public enum RouteTopology
{
    /// <summary>
    /// The service itself, as each route's endpoint starts: the default, for a broker user allowed to configure those
    /// exchanges (the embedded demo, a development broker).
    /// </summary>
    Service,

    /// <summary>
    /// The operator, before the service starts (<c>WeeEvents.Admin topology deploy</c>, as the broker's administrator):
    /// the service declares only its own queues and exchanges, so its broker user needs no right on the exchanges of
    /// contracts other services publish, and cannot delete them.
    /// </summary>
    Deployed,
}
