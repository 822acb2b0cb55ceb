using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>The same four services, each on a SQLite file of its own (the embedded provider), over RabbitMQ.</summary>
public sealed class SqliteOrderFlowTests(SqliteOrderSystem system) : IClassFixture<SqliteOrderSystem>
{
    [Fact]
    public async Task On_sqlite_files_a_paid_order_completes_and_a_declined_one_is_cancelled_with_its_stock_back()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 1.25m);
        var paid = Ids.New("order");
        var declined = Ids.New("order");

        await system.PlaceAsync(paid, PlaceOrder.Of("tok_visa", new OrderLine(sku, 3, 1.25m)));
        await system.PlaceAsync(declined, PlaceOrder.Of("tok_decline", new OrderLine(sku, 4, 1.25m)));

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(paid)).Status());
        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(declined)).Status());
        Assert.Equal(3.75m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{paid}", "succeeded")).GetProperty("amount").GetDecimal());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{declined}", "failed");
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{paid}", "scheduled");
        await system.AwaitStateAsync(
            FlowService.Inventory,
            $"/inventory-item/{sku}",
            s => s.GetProperty("committed").GetInt32() == 3 && s.GetProperty("reserved").GetInt32() == 0,
            "the paid units are committed and the declined ones released");
        Assert.Equal(new Stock(Available: 7, Reserved: 0, Committed: 3), await system.StockAsync(sku));
    }
}
