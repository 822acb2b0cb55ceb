using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// The flow as deployed: the four services as four processes on their own ports and PostgreSQL databases, over
/// RabbitMQ, configured only by environment variables. Money is checked through Payment's API.
/// </summary>
public sealed class SeparateProcessesTests(ProcessOrderSystem system) : IClassFixture<ProcessOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_order_completes_with_its_stock_committed_one_charge_and_one_shipment()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 9.99m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 9.99m)));

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        var payment = await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded");
        Assert.Equal(19.98m, payment.GetProperty("amount").GetDecimal());
        var shipment = await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        Assert.False(string.IsNullOrEmpty(shipment.GetProperty("trackingNumber").GetString()));
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 2, "two units committed");
        Assert.Equal(new Stock(Available: 8, Reserved: 0, Committed: 2), await system.StockAsync(sku));
    }

    [Fact]
    public async Task A_declined_card_ends_cancelled_with_the_stock_released()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 10m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_decline", new OrderLine(sku, 4, 10m)));

        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "failed");
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("available").GetInt32() == 10, "the units are available again");
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(sku));
    }

    [Fact]
    public async Task An_out_of_stock_line_ends_rejected_with_nothing_reserved()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 1, 1m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 3, 1m)));

        Assert.Equal("rejected", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "cancelled");
        Assert.Equal(new Stock(Available: 1, Reserved: 0, Committed: 0), await system.StockAsync(sku));
    }

    [Fact]
    public async Task A_cancel_before_payment_releases_the_stock_and_keeps_no_money()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 2m);
        var orderId = Ids.New("order");

        // With Inventory's process down, the order cannot get past placed: the cancel surely comes before payment.
        await system.StopAsync(FlowService.Inventory);
        try
        {
            await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 5, 2m)));
            using var cancel = await system.CancelOrderAsync(orderId);
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        }
        finally
        {
            await system.StartAsync(FlowService.Inventory);
        }

        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("available").GetInt32() == 10 && s.GetProperty("reserved").GetInt32() == 0, "nothing held");
        var payment = (await system.EntityAsync(FlowService.Payment, $"/payment/{orderId}"))?.GetProperty("state");
        Assert.NotEqual("succeeded", payment?.Status());
    }

    [Fact]
    public Task A_hundred_concurrent_orders_on_five_scarce_skus_never_oversell_and_account_for_every_unit() =>
        system.HundredOrdersOnFiveSkusAsync(seed: 27112026, FlowTimeout);
}
