namespace WeeEvents.Messaging;

/// <summary>What a route does with one message.</summary>
public delegate Task InboundHandler<TMessage>(Inbound<TMessage> message);

/// <summary>
/// One inbound route of a service: a message type, the route's name, and its handling. The name keys the inbox (which
/// messages were handled) and names the route's queue: keep it stable, since a new name forgets what was handled.
/// </summary>
public abstract class MessageRoute
{
    private protected MessageRoute(string name, bool waitsOnOutside)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        WaitsOnOutside = waitsOnOutside;
    }

    /// <summary>The route's name, for example <c>order.mark-paid</c>.</summary>
    public string Name { get; }

    /// <summary>The contract it consumes.</summary>
    public abstract Type MessageType { get; }

    /// <summary>
    /// Whether its handling waits on the outside world (a payment gateway). Such a route is not made to take turns with
    /// the other messages for the streams it works on: while it waited it would hold them up, including the one that ends
    /// the wait (its order's cancellation). Should they meet, the unique stream index settles the race.
    /// </summary>
    public bool WaitsOnOutside { get; }

    /// <summary>Calls the visitor's method for this route's message type.</summary>
    public abstract void Accept(IMessageRouteVisitor visitor);
}

/// <summary>A route for messages of type <typeparamref name="TMessage"/>.</summary>
public sealed class MessageRoute<TMessage> : MessageRoute
    where TMessage : class
{
    private readonly InboundHandler<TMessage> _handler;

    internal MessageRoute(string name, InboundHandler<TMessage> handler, bool waitsOnOutside)
        : base(name, waitsOnOutside)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <inheritdoc />
    public override Type MessageType => typeof(TMessage);

    /// <summary>Handles one message.</summary>
    public Task HandleAsync(Inbound<TMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _handler(message);
    }

    /// <inheritdoc />
    public override void Accept(IMessageRouteVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        visitor.Visit(this);
    }
}

/// <summary>Works on routes by their message type (a transport binds each to an endpoint this way).</summary>
public interface IMessageRouteVisitor
{
    /// <summary>Called with a route of messages of type <typeparamref name="TMessage"/>.</summary>
    void Visit<TMessage>(MessageRoute<TMessage> route)
        where TMessage : class;
}
