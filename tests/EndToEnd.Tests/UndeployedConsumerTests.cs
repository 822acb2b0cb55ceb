using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Nothing is published into the void: the topology is deployed with the operator's tool before any service starts,
/// so a service that has never run yet (Shipping here) finds in its queues everything published for it meanwhile.
/// </summary>
public sealed class UndeployedConsumerTests(LateShippingOrderSystem system) : IClassFixture<LateShippingOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Orders_paid_before_shipping_was_ever_started_complete_when_it_starts()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        var orders = Enumerable.Range(0, 3).Select(_ => Ids.New("order")).ToArray();

        await Task.WhenAll(orders.Select(o => system.PlaceAsync(o, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)))));
        foreach (var orderId in orders)
        {
            await system.AwaitStatusAsync(FlowService.Order, $"/order/{orderId}", "paid", FlowTimeout);
        }

        // The broker holds them for the service that was never there.
        await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.schedule", (uint)orders.Length, FlowTimeout);
        await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.note-address", (uint)orders.Length, FlowTimeout);

        await system.StartAsync(FlowService.Shipping);

        var ends = await system.AwaitEndsAsync(orders, FlowTimeout);
        Assert.All(orders, o => Assert.Equal("completed", ends[o].Status()));
        Assert.Equal(new Stock(Available: 7, Reserved: 0, Committed: 3), await system.StockAsync(sku));
    }
}

/// <summary>
/// The four services on PostgreSQL, the broker's topology deployed with the operator's tool first, and Shipping not
/// started until a test starts it: a consumer that was never deployed when orders were placed.
/// </summary>
public sealed class LateShippingOrderSystem : PostgresOrderSystem
{
    protected override IEnumerable<FlowService> StartedAtFirst => Enum.GetValues<FlowService>().Where(s => s != FlowService.Shipping);

    protected override async Task BeforeServicesStartAsync(CancellationToken cancellationToken) =>
        await AdminTool.RunOkAsync(VirtualHost, "topology", "deploy");
}
