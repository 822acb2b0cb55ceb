namespace WeeEvents.MassTransit.Routing;

/// <summary>The kind of RabbitMQ queue each route's endpoint declares (<c>WeeEvents:Messaging:QueueType</c>).</summary>
public enum RouteQueueType
{
    /// <summary>A classic durable queue: lives on one node; the default, and all a single broker needs.</summary>
    Classic,

    /// <summary>
    /// A quorum queue: replicated with Raft over a cluster's nodes, so a node lost loses no message; for production
    /// clusters of three or more nodes.
    /// </summary>
    Quorum,
}
