using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Independent deployment, proven: Inventory as the last release built it (from its git tag) runs beside Order,
/// Payment and Shipping from this tree, each its own process over RabbitMQ. Orders still end and the books balance.
/// </summary>
public sealed class MixedReleaseTests(MixedReleaseOrderSystem system) : IClassFixture<MixedReleaseOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_order_completes_across_the_release_and_this_build()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 4.25m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 3, 4.25m)));

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        var payment = await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded");
        Assert.Equal(12.75m, payment.GetProperty("amount").GetDecimal());
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 3, "three units committed");
        Assert.Equal(new Stock(Available: 7, Reserved: 0, Committed: 3), await system.StockAsync(sku));
    }

    [Fact]
    public Task A_hundred_concurrent_orders_balance_the_books_across_the_release_and_this_build() =>
        system.HundredOrdersOnFiveSkusAsync(seed: 21, FlowTimeout);
}
