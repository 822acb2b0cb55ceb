using MassTransit;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Consumers;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Order.Domain.Events;
using WeeEvents.Services.Order.Integration;
using WeeEvents.AspNetCore;
using Wire = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Order;

/// <summary>The Order service as a module: registered in any host (its own, or the all-in-one demo).</summary>
public static class OrderModule
{
    /// <summary>Registers the order service over the host's event store.</summary>
    public static IServiceCollection AddOrderService(this IServiceCollection services) =>
        services.AddWeeEventsService(OrderService.Description);

    /// <summary>Adds what the order service publishes: its events' contracts.</summary>
    public static OutboxMapper MapOrderEvents(this OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper
            .Map<OrderPlaced.Data, Wire.OrderPlaced>(OrderPlaced.Name, OrderIntegration.ToContract)
            .Map<OrderCancelled.Data, Wire.OrderCancelled>(OrderCancelled.Name, OrderIntegration.ToContract)
            .Map<OrderCompleted.Data, Wire.OrderCompleted>(OrderCompleted.Name, OrderIntegration.ToContract)
            .Map<OrderRejected.Data, Wire.OrderRejected>(OrderRejected.Name, OrderIntegration.ToContract);
    }

    /// <summary>Adds the consumers that move orders along as the other services report.</summary>
    public static WeeEventsMessagingBuilder AddOrderConsumers(this WeeEventsMessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        return messaging.Consumers(x =>
        {
            x.AddConsumer<MarkOrderStockReserved, WeeEventsConsumerDefinition<MarkOrderStockReserved>>();
            x.AddConsumer<RejectOrderOnShortage, WeeEventsConsumerDefinition<RejectOrderOnShortage>>();
            x.AddConsumer<MarkOrderPaid, WeeEventsConsumerDefinition<MarkOrderPaid>>();
            x.AddConsumer<CancelOrderOnPaymentFailure, WeeEventsConsumerDefinition<CancelOrderOnPaymentFailure>>();
            x.AddConsumer<CompleteOrderOnShipment, WeeEventsConsumerDefinition<CompleteOrderOnShipment>>();
        });
    }

    /// <summary>Maps <c>/order/...</c>.</summary>
    public static IEndpointRouteBuilder MapOrderService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapService(OrderService.Description);
        return endpoints;
    }
}
