using WeeEvents.Hosting;
using WeeEvents.Services.Inventory.Integration;
using WeeEvents.Services.Inventory.ReadModel;

namespace WeeEvents.Services.Inventory;

/// <summary>The Inventory service as one value, for its own host, the all-in-one demo and the tests.</summary>
public static class InventoryModule
{
    /// <summary>
    /// Serves <c>/inventory-item</c> (restock, and each SKU's stock) and <c>/stock-reservation</c> (read-only use),
    /// answers each order's reservation, and reserves, commits and releases stock as orders go.
    /// </summary>
    public static ServiceModule Module { get; } = ServiceModule.Create("inventory")
        .Serves(InventoryItemService.Description)
        .Serves(StockReservationService.Description)
        .Publishes(InventoryIntegration.Outbound)
        .Consumes(InventoryInbound.Routes)
        .Projects(StockLevels.Projection)
        .Queries(StockLevels.Query)
        .ForgetsCustomers();                                 // CustomerForgotten: destroy the customer's keys here
}
