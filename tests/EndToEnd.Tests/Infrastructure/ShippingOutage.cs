namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A failure an operator has to put right: Shipping's event table goes missing while an order is placed, so every
/// message Shipping handles fails, its retries run out, and both of the order's messages to it are parked; then the
/// table comes back (the cause is removed) and the messages wait to be returned.
/// </summary>
public static class ShippingOutage
{
    /// <summary>Places <paramref name="orderId"/> for two of a new SKU while Shipping cannot store events, and waits for both its Shipping messages to be parked.</summary>
    /// <returns>The SKU ordered.</returns>
    public static async Task<string> PlaceWhileShippingFailsAsync(OrderSystem system, string orderId, TimeSpan timeout)
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 4m);
        await system.Database(FlowService.Shipping).ExecuteAsync("ALTER TABLE events RENAME TO events_away");
        try
        {
            await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 4m)));
            await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.note-address_error", 1, timeout);
            await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.schedule_error", 1, timeout);
        }
        finally
        {
            await system.Database(FlowService.Shipping).ExecuteAsync("ALTER TABLE events_away RENAME TO events");
        }

        return sku;
    }
}
