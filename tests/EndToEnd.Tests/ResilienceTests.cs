using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Orders survive a service going away mid-flow, and scarce stock is never oversold under concurrency.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class ResilienceTests(PostgresOrderSystem system)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Orders_in_flight_while_inventory_restarts_all_end_and_nothing_is_lost()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 50, 2m);
        var orders = Enumerable.Range(0, 16).ToDictionary(
            _ => Ids.New("order"),
            i => PlaceOrder.Of(i % 4 == 3 ? "tok_decline" : "tok_visa", new OrderLine(sku, 1 + (i % 3), 2m)));
        var (before, during) = (orders.Take(8).ToArray(), orders.Skip(8).ToArray());

        await Task.WhenAll(before.Select(o => system.PlaceAsync(o.Key, o.Value)));
        await system.StopAsync(FlowService.Inventory);
        try
        {
            await Task.WhenAll(during.Select(o => system.PlaceAsync(o.Key, o.Value)));
        }
        finally
        {
            await system.StartAsync(FlowService.Inventory);
        }

        var ends = await system.AwaitEndsAsync(orders.Keys, FlowTimeout);
        foreach (var (orderId, order) in orders)
        {
            Assert.Equal(order.PaymentToken == "tok_decline" ? "cancelled" : "completed", ends[orderId].Status());
        }

        await system.AssertBalancedAsync(new Dictionary<string, int> { [sku] = 50 }, orders, ends);
    }

    [Fact]
    public Task A_hundred_concurrent_orders_on_five_scarce_skus_all_end_without_overselling_and_the_books_balance() =>
        system.HundredOrdersOnFiveSkusAsync(seed: 20261127, FlowTimeout);
}
