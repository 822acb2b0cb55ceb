using MassTransit;
using WeeEvents.AspNetCore;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Consumers;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Inventory.Integration;
using WeeEvents.Services.Inventory.Reservations.Events;
using Wire = WeeEvents.Contracts.Inventory;

namespace WeeEvents.Services.Inventory;

/// <summary>The Inventory service as a module: registered in any host (its own, or the all-in-one demo).</summary>
public static class InventoryModule
{
    /// <summary>Registers the SKU and reservation services over the host's event store.</summary>
    public static IServiceCollection AddInventoryService(this IServiceCollection services) => services
        .AddWeeEventsService(InventoryItemService.Description)
        .AddWeeEventsService(StockReservationService.Description);

    /// <summary>Adds what the inventory service publishes: one answer per order's reservation.</summary>
    public static OutboxMapper MapInventoryEvents(this OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper
            .Map<ReservationConfirmed.Data, Wire.StockReserved>(ReservationConfirmed.Name, InventoryIntegration.ToContract)
            .Map<ReservationFailed.Data, Wire.StockReservationFailed>(ReservationFailed.Name, InventoryIntegration.ToContract);
    }

    /// <summary>Adds the consumers that reserve, commit and release stock for orders.</summary>
    public static WeeEventsMessagingBuilder AddInventoryConsumers(this WeeEventsMessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        return messaging.Consumers(x =>
        {
            x.AddConsumer<ReserveStockForOrder, WeeEventsConsumerDefinition<ReserveStockForOrder>>();
            x.AddConsumer<CommitStockForPaidOrder, WeeEventsConsumerDefinition<CommitStockForPaidOrder>>();
            x.AddConsumer<ReleaseStockOnPaymentFailure, WeeEventsConsumerDefinition<ReleaseStockOnPaymentFailure>>();
            x.AddConsumer<ReleaseStockOnCancellation, WeeEventsConsumerDefinition<ReleaseStockOnCancellation>>();
        });
    }

    /// <summary>Maps <c>/inventory-item/...</c> (restock, and each SKU's stock) and <c>/stock-reservation/...</c> (read-only use).</summary>
    public static IEndpointRouteBuilder MapInventoryService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapService(InventoryItemService.Description);
        endpoints.MapService(StockReservationService.Description);
        return endpoints;
    }
}
