using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Binds each route to a receive endpoint named after it (so its queue is <c>{route}</c> and its parked messages
/// <c>{route}_error</c>), with the service's retry policy (<see cref="RouteRetries"/>), correlation partitions and concurrency from
/// <see cref="ConsumerOptions"/>. Each route's queue is bound to the exchange of its contract, by the endpoint itself or,
/// with <see cref="RouteTopology.Deployed"/>, beforehand by the operator's <c>topology deploy</c>.
/// </summary>
internal sealed class RouteEndpoints(IBusRegistrationContext context, IReceiveConfigurator bus) : IMessageRouteVisitor
{
    // Resolved at the first message, not while the bus is built: the processor's storage hands commits to a dispatcher
    // that publishes on this very bus.
    private readonly Lazy<RouteProcessor> _processor = new(context.GetRequiredService<RouteProcessor>);
    private readonly CorrelationPartitions _partitions = context.GetRequiredService<CorrelationPartitions>();
    private readonly ConsumerOptions _options = context.GetRequiredService<IOptions<ConsumerOptions>>().Value;

    public void Visit<TMessage>(MessageRoute<TMessage> route)
        where TMessage : class =>
        bus.ReceiveEndpoint(route.Name, endpoint =>
        {
            endpoint.ConcurrentMessageLimit = _options.ConcurrentMessages;
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.PrefetchCount = Math.Max(_options.Prefetch, _options.ConcurrentMessages);
                // The queue argument is copied to the route's _error queue too (MassTransit's error settings take the
                // receive queue's arguments): a parked message is as safe as a waiting one.
                if (_options.ResolveQueueType() == RouteQueueType.Quorum)
                {
                    rabbit.SetQuorumQueue();
                }

                // MassTransit declares every exchange it binds (exchange.declare needs the configure right even when the
                // exchange exists): with a deployed topology the route declares only its own queue and exchange, and
                // the contract's exchange, bound to it by the operator, is left alone.
                if (_options.ResolveConsumeTopology() == RouteTopology.Deployed)
                {
                    rabbit.ConfigureConsumeTopology = false;
                }
            }

            RouteRetries.AroundTurn(endpoint, _options);
            if (route.Turn == RouteTurn.InTurn)
            {
                endpoint.UsePartitioner(_partitions.Partitioner, CorrelationPartitions.KeyOf, CorrelationPartitions.KeyEncoding);
            }

            endpoint.Handler<TMessage>(delivery => _processor.Value.HandleAsync(delivery, route), handler => RouteRetries.InTurn(handler, _options));
        });
}
