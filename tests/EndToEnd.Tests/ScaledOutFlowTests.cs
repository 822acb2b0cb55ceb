using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Two processes of every service, the two of a service on one database: the guarantees hold across instances and
/// through outages. After every order has ended, each SKU holds nothing, has exactly the completed orders' units
/// committed, and no message waits in any <c>_error</c> queue.
/// </summary>
[CollectionDefinition(nameof(ScaledOutFlow))]
public sealed class ScaledOutFlow : ICollectionFixture<ScaledOutOrderSystem>;

[Collection(nameof(ScaledOutFlow))]
public sealed class ScaledOutFlowTests(ScaledOutOrderSystem system)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BrokerOutage = TimeSpan.FromSeconds(10);

    [Fact]
    public Task A_hundred_concurrent_orders_on_five_scarce_skus_all_end_without_overselling_and_the_books_balance() =>
        system.HundredOrdersOnFiveSkusAsync(seed: 20261206, FlowTimeout);

    [Fact]
    public async Task A_unit_released_on_one_instance_is_reserved_by_the_next_order_whichever_instance_takes_it()
    {
        // One unit; each order takes it and is declined, so the unit is released, and the next order must find it
        // whichever Inventory instance handles it: a stale copy of the SKU would reject the order for want of stock.
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 1, 4m);
        var orders = new Dictionary<string, PlaceOrder>();
        for (var i = 0; i < 12; i++)
        {
            var (orderId, order) = (Ids.New("order"), PlaceOrder.Of(i == 11 ? "tok_visa" : "tok_decline", new OrderLine(sku, 1, 4m)));
            orders[orderId] = order;
            await system.PlaceAsync(orderId, order);
            var end = await system.AwaitOrderEndAsync(orderId, FlowTimeout);
            Assert.Equal(order.PaymentToken == "tok_decline" ? "cancelled" : "completed", end.Status());
            await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("reserved").GetInt32() == 0, $"{sku} holds nothing after {orderId}");
        }

        await system.AssertBalancedAsync(new Dictionary<string, int> { [sku] = 1 }, orders, await system.AwaitEndsAsync(orders.Keys, FlowTimeout));
        Assert.Empty(await system.ParkedAsync());
    }

    [Fact]
    public async Task The_database_away_for_a_minute_under_load_ends_every_order_as_expected_with_nothing_parked()
    {
        var (stocked, orders) = await PlaceLoadAsync(skus: 4, count: 40);

        system.DatabaseRelay.Cut();
        try
        {
            await Task.Delay(DatabaseOutage, TestContext.Current.CancellationToken);
        }
        finally
        {
            system.DatabaseRelay.Restore();
        }

        await AssertEveryOrderEndsAsExpectedAsync(stocked, orders);
    }

    [Fact]
    public async Task The_broker_away_and_one_instance_of_each_service_killed_under_load_ends_every_order_as_expected()
    {
        var (stocked, orders) = await PlaceLoadAsync(skus: 4, count: 40);

        system.BrokerRelay.Cut();
        try
        {
            await Task.WhenAll(Enum.GetValues<FlowService>().Select(s => system.KillAsync(s, 1)));
            await Task.Delay(BrokerOutage, TestContext.Current.CancellationToken);
        }
        finally
        {
            system.BrokerRelay.Restore();
        }

        await Task.WhenAll(Enum.GetValues<FlowService>().Select(s => system.RestartAsync(s, 1)));
        await AssertEveryOrderEndsAsExpectedAsync(stocked, orders);
    }

    /// <summary>Stocks fresh SKUs and places orders on them (one in five declined) without waiting for their ends.</summary>
    private async Task<(Dictionary<string, int> Stocked, Dictionary<string, PlaceOrder> Orders)> PlaceLoadAsync(int skus, int count)
    {
        var stocked = Enumerable.Range(0, skus).ToDictionary(_ => Ids.New("sku"), _ => 1_000);
        foreach (var (sku, units) in stocked)
        {
            await system.StockAndPriceAsync(sku, units, 2.5m);
        }

        var names = stocked.Keys.ToArray();
        var orders = Enumerable.Range(0, count).ToDictionary(
            _ => Ids.New("order"),
            i => PlaceOrder.Of(i % 5 == 4 ? "tok_decline" : "tok_visa", new OrderLine(names[i % skus], 1 + (i % 3), 2.5m), new OrderLine(names[(i + 1) % skus], 1, 2.5m)));
        await Task.WhenAll(orders.Select(o => system.PlaceAsync(o.Key, o.Value)));
        return (stocked, orders);
    }

    private async Task AssertEveryOrderEndsAsExpectedAsync(Dictionary<string, int> stocked, Dictionary<string, PlaceOrder> orders)
    {
        var ends = await system.AwaitEndsAsync(orders.Keys, FlowTimeout);
        foreach (var (orderId, order) in orders)
        {
            Assert.True(
                (order.PaymentToken == "tok_decline" ? "cancelled" : "completed") == ends[orderId].Status(),
                $"{orderId} ({order.PaymentToken}) ended {ends[orderId].Status()}");
        }

        await system.AssertBalancedAsync(stocked, orders, ends);
        Assert.Empty(await system.ParkedAsync());
    }
}
