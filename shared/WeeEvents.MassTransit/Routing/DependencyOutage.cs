namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// A handling failed while one of the service's dependencies (its database, the broker) was away: not the message's
/// fault, so the outage retry (<see cref="RouteRetries"/>) handles it again until they answer, and it is never parked.
/// The failure itself is the inner exception.
/// </summary>
internal sealed class DependencyOutage(string route, Guid messageId, Exception failure)
    : Exception($"{route} could not handle {messageId} while a dependency was away: {failure.Message}", failure);
