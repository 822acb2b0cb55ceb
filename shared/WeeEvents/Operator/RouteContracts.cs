using WeeEvents.Messaging;

namespace WeeEvents.Operator;

/// <summary>One inbound route of a service and the contract it consumes.</summary>
/// <param name="Route">The route's name (its inbox's consumer and its queue), e.g. <c>shipping.note-address</c>.</param>
/// <param name="MessageType">The contract's name as the outbox that publishes it stores it (its message URN).</param>
public sealed record RouteContract(string Route, string MessageType);

/// <summary>
/// Which contract each of a service's routes consumes, named as outboxes name what they send: what
/// <c>GET /operator/routes</c> answers, so an operator's console can tell, for a message an outbox sent, which routes
/// are expected to handle it and which have not. Built once from the routes the service consumes by; the messaging
/// names the contracts (it owns their wire names).
/// </summary>
public sealed class RouteContracts
{
    private RouteContracts(IReadOnlyList<RouteContract> routes) => Routes = routes;

    /// <summary>No routes (a service that consumes nothing).</summary>
    public static RouteContracts Empty { get; } = new([]);

    /// <summary>The routes, in the order declared.</summary>
    public IReadOnlyList<RouteContract> Routes { get; }

    /// <summary>The routes of <paramref name="routes"/>, each with its contract named by <paramref name="contractName"/>.</summary>
    public static RouteContracts Of(MessageRoutes routes, Func<Type, string> contractName)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(contractName);
        return new([.. routes.Routes.Select(r => new RouteContract(r.Name, contractName(r.MessageType)))]);
    }
}
