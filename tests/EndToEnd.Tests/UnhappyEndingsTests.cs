using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Orders that do not complete end cancelled or rejected, holding no stock and keeping no money.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class UnhappyEndingsTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task A_declined_card_cancels_the_order_fails_the_payment_and_releases_the_stock()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 10m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_decline", new OrderLine(sku, 4, 10m)));

        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(orderId)).Status());
        Assert.Equal(40m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "failed")).GetProperty("amount").GetDecimal());
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("available").GetInt32() == 10, "the units are available again");
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(sku));
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "cancelled");
    }

    [Fact]
    public async Task An_order_for_more_than_the_stock_is_rejected_with_nothing_reserved_and_nothing_charged()
    {
        var scarce = Ids.New("sku");
        var plenty = Ids.New("sku");
        await system.StockAndPriceAsync(scarce, 2, 1m);
        await system.StockAndPriceAsync(plenty, 10, 1m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(plenty, 1, 1m), new OrderLine(scarce, 3, 1m)));

        Assert.Equal("rejected", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "cancelled");
        Assert.Equal(new Stock(Available: 2, Reserved: 0, Committed: 0), await system.StockAsync(scarce));
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(plenty));
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
    }

    [Fact]
    public async Task An_order_for_an_unknown_sku_is_rejected_with_nothing_reserved_and_nothing_charged()
    {
        var known = Ids.New("sku");
        await system.StockAndPriceAsync(known, 10, 1m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(known, 1, 1m), new OrderLine(Ids.New("unknown"), 1, 1m)));

        Assert.Equal("rejected", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "cancelled");
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(known));
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
    }
}
