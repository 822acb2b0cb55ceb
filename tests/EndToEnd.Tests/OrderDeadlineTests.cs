using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// No order is left open: one that has not ended by its deadline (<c>WeeEvents:Orders:Deadline</c>) is cancelled by the
/// Order service, its stock released and its payment voided or refunded.
/// </summary>
public sealed class OrderDeadlineTests : IClassFixture<ShortDeadlineOrderSystem>
{
    private readonly ShortDeadlineOrderSystem _system;

    public OrderDeadlineTests(ShortDeadlineOrderSystem system) => _system = system;

    [Fact]
    public async Task Orders_that_wait_for_a_payment_service_that_is_down_are_cancelled_at_their_deadline_and_their_stock_released()
    {
        var sku = Ids.New("sku");
        await _system.StockAndPriceAsync(sku, 10, 5m);
        await _system.StopAsync(FlowService.Payment);
        var orders = Enumerable.Range(0, 3).ToDictionary(_ => Ids.New("order"), i => PlaceOrder.Of("tok_visa", new OrderLine(sku, 1 + i, 5m)));
        try
        {
            await Task.WhenAll(orders.Select(o => _system.PlaceAsync(o.Key, o.Value)));
            // Stock is held for them while nobody charges them (the history, not the state: a deadline may already have released one)...
            await _system.AwaitEventTypesAsync(
                FlowService.Inventory, $"/inventory-item/{sku}", types => types.Count(t => t == "stock-reserved") == orders.Count, "the orders' stock is reserved");

            // ...until their deadline passes.
            var ends = await _system.AwaitEndsAsync(orders.Keys, ShortDeadlineOrderSystem.Deadline + TimeSpan.FromSeconds(30));
            Assert.All(ends.Values, e => Assert.Equal("cancelled", e.Status()));
            Assert.All(ends.Values, e => Assert.Equal("deadline passed", e.GetProperty("reason").GetString()));
            foreach (var orderId in orders.Keys)
            {
                Assert.Contains("order-deadline-passed", await _system.EventTypesAsync(FlowService.Order, $"/order/{orderId}"));
            }
        }
        finally
        {
            await _system.StartAsync(FlowService.Payment);
        }

        // Payment, back, hears of the orders and their cancellation: nothing is kept, every unit is back on the shelf.
        foreach (var orderId in orders.Keys)
        {
            await _system.AwaitStateAsync(FlowService.Payment, $"/payment/{orderId}", s => s.Status() is "cancelled" or "refunded", $"the payment of {orderId} is settled");
        }

        var final = await _system.AwaitEndsAsync(orders.Keys, TimeSpan.FromSeconds(30));
        await _system.AssertBalancedAsync(new Dictionary<string, int> { [sku] = 10 }, orders, final);
    }

    [Fact]
    public async Task Orders_whose_charge_hangs_in_the_gateway_end_cancelled_with_their_stock_released_and_nothing_kept()
    {
        var sku = Ids.New("sku");
        await _system.StockAndPriceAsync(sku, 10, 5m);
        // The gateway never answers these charges: the gateway's timeout or the order's deadline, whichever comes first, ends them.
        var orders = Enumerable.Range(0, 2).ToDictionary(_ => Ids.New("order"), _ => PlaceOrder.Of(HoldingPaymentGateway.HoldToken, new OrderLine(sku, 3, 5m)));
        await Task.WhenAll(orders.Select(o => _system.PlaceAsync(o.Key, o.Value)));

        var ends = await _system.AwaitEndsAsync(orders.Keys, TimeSpan.FromSeconds(60));

        Assert.All(ends.Values, e => Assert.Equal("cancelled", e.Status()));
        foreach (var orderId in orders.Keys)
        {
            await _system.AwaitStateAsync(FlowService.Payment, $"/payment/{orderId}", s => s.Status() is "cancelled" or "refunded" or "failed", $"the payment of {orderId} is settled");
        }

        await _system.AssertBalancedAsync(new Dictionary<string, int> { [sku] = 10 }, orders, ends);
    }
}
