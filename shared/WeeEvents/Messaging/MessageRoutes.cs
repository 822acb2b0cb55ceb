using System.Collections.Immutable;

namespace WeeEvents.Messaging;

/// <summary>
/// A service's inbound routes as one immutable table, in the spirit of Eventuous's <c>On&lt;T&gt;</c>:
/// <c>MessageRoutes.Empty.On&lt;StockReserved&gt;("order.mark-stock-reserved", m =&gt; ...)</c>. The same table drives the
/// transport's endpoints, the README's flow check and the in-memory flow tests.
/// </summary>
public sealed class MessageRoutes
{
    private readonly ImmutableArray<MessageRoute> _routes;

    private MessageRoutes(ImmutableArray<MessageRoute> routes) => _routes = routes;

    /// <summary>No routes.</summary>
    public static MessageRoutes Empty { get; } = new([]);

    /// <summary>The routes, in the order declared.</summary>
    public IReadOnlyList<MessageRoute> Routes => _routes;

    /// <summary>
    /// Adds a route: messages of type <typeparamref name="TMessage"/> are handled by <paramref name="handler"/>, each
    /// once, under <paramref name="name"/>.
    /// </summary>
    /// <param name="name">The route's stable name (inbox and queue): <c>{service}.{what it does}</c>.</param>
    /// <param name="handler">The handling.</param>
    /// <param name="turn">
    /// Whether its messages wait for their turn among their correlation's (the default), or are handled out of turn because
    /// the handling waits on the outside world (see <see cref="RouteTurn"/>).
    /// </param>
    public MessageRoutes On<TMessage>(string name, InboundHandler<TMessage> handler, RouteTurn turn = RouteTurn.InTurn)
        where TMessage : class
    {
        if (_routes.Any(r => r.Name == name))
        {
            throw new ArgumentException($"A route named '{name}' is declared already.", nameof(name));
        }

        return new(_routes.Add(new MessageRoute<TMessage>(name, handler, turn)));
    }

    /// <summary>This table and <paramref name="other"/>'s routes (for a host that runs several services).</summary>
    public MessageRoutes Merge(MessageRoutes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = this;
        foreach (var route in other._routes)
        {
            if (merged._routes.Any(r => r.Name == route.Name))
            {
                throw new ArgumentException($"A route named '{route.Name}' is declared already.", nameof(other));
            }

            merged = new(merged._routes.Add(route));
        }

        return merged;
    }

    /// <summary>The routes that consume <paramref name="messageType"/>.</summary>
    public IEnumerable<MessageRoute> For(Type messageType) => _routes.Where(r => r.MessageType == messageType);
}
