using MassTransit;
using WeeEvents.AspNetCore;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Consumers;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Shipping.Domain.Events;
using WeeEvents.Services.Shipping.Integration;
using Wire = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Shipping;

/// <summary>The Shipping service as a module: registered in any host (its own, or the all-in-one demo).</summary>
public static class ShippingModule
{
    /// <summary>Registers the shipment service over the host's event store.</summary>
    public static IServiceCollection AddShippingService(this IServiceCollection services) =>
        services.AddWeeEventsService(ShippingService.Description);

    /// <summary>Adds what the shipping service publishes: scheduled shipments.</summary>
    public static OutboxMapper MapShippingEvents(this OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper.Map<ShipmentScheduled.Data, Wire.ShipmentScheduled>(ShipmentScheduled.Name, ShippingIntegration.ToContract);
    }

    /// <summary>Adds the consumers that note addresses, schedule shipments on payment and cancel them.</summary>
    public static WeeEventsMessagingBuilder AddShippingConsumers(this WeeEventsMessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        return messaging.Consumers(x =>
        {
            x.AddConsumer<NoteShippingAddress, WeeEventsConsumerDefinition<NoteShippingAddress>>();
            x.AddConsumer<ScheduleShipmentForPaidOrder, WeeEventsConsumerDefinition<ScheduleShipmentForPaidOrder>>();
            x.AddConsumer<CancelShipmentOnRefund, WeeEventsConsumerDefinition<CancelShipmentOnRefund>>();
            x.AddConsumer<CancelShipmentOnCancellation, WeeEventsConsumerDefinition<CancelShipmentOnCancellation>>();
            x.AddConsumer<CancelShipmentOnRejection, WeeEventsConsumerDefinition<CancelShipmentOnRejection>>();
        });
    }

    /// <summary>Maps <c>/shipment/...</c> (including dispatch-shipment and deliver-shipment).</summary>
    public static IEndpointRouteBuilder MapShippingService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapService(ShippingService.Description);
        return endpoints;
    }
}
