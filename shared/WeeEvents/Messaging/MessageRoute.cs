namespace WeeEvents.Messaging;

/// <summary>What a route does with one message.</summary>
public delegate Task InboundHandler<TMessage>(Inbound<TMessage> message);

/// <summary>
/// One inbound route of a service: a message type, the route's name, and its handling. The name keys the inbox (which
/// messages were handled) and names the route's queue: keep it stable, since a new name forgets what was handled.
/// </summary>
public abstract class MessageRoute
{
    private protected MessageRoute(string name, RouteTurn turn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(turn))
        {
            throw new ArgumentOutOfRangeException(nameof(turn), turn, "Not a turn a route can take.");
        }

        Name = name;
        Turn = turn;
    }

    /// <summary>The route's name, for example <c>order.mark-paid</c>.</summary>
    public string Name { get; }

    /// <summary>The contract it consumes.</summary>
    public abstract Type MessageType { get; }

    /// <summary>
    /// Whether its messages take turns with the other messages of their correlation (<see cref="RouteTurn.InTurn"/>, the
    /// default) or are handled alongside them (<see cref="RouteTurn.OutOfTurn"/>, for a handling that waits on the outside world).
    /// </summary>
    public RouteTurn Turn { get; }

    /// <summary>Calls the visitor's method for this route's message type.</summary>
    public abstract void Accept(IMessageRouteVisitor visitor);
}

/// <summary>A route for messages of type <typeparamref name="TMessage"/>.</summary>
public sealed class MessageRoute<TMessage> : MessageRoute
    where TMessage : class
{
    private readonly InboundHandler<TMessage> _handler;

    internal MessageRoute(string name, InboundHandler<TMessage> handler, RouteTurn turn)
        : base(name, turn)
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
