using WeeEvents.Messaging;

namespace WeeEvents.Testing;

/// <summary>
/// Delivers a message to a service's real route without a broker or a unit of work: its commands run on the given store.
/// For in-memory flow tests that must follow the routes the services deploy, not a copy of them.
/// </summary>
public static class RouteDelivery
{
    /// <summary>Handles <paramref name="message"/> by <paramref name="route"/> on <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentException">The route does not consume the message's type.</exception>
    public static Task DeliverAsync(this MessageRoute route, object message, IEventStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(store);
        if (!route.MessageType.IsInstanceOfType(message))
        {
            throw new ArgumentException($"Route '{route.Name}' consumes {route.MessageType.Name}, not {message.GetType().Name}.", nameof(message));
        }

        var delivery = new Delivery(message, store, cancellationToken);
        route.Accept(delivery);
        return delivery.Handled!;
    }

    private sealed class Delivery(object message, IEventStore store, CancellationToken cancellationToken) : IMessageRouteVisitor
    {
        public Task? Handled { get; private set; }

        public void Visit<TMessage>(MessageRoute<TMessage> route)
            where TMessage : class =>
            Handled = route.HandleAsync(new Inbound<TMessage>((TMessage)message, Guid.CreateVersion7(), store, new CommandOptions { Caller = Caller.Service.ForRoute(route.Name) }, cancellationToken: cancellationToken));
    }
}
