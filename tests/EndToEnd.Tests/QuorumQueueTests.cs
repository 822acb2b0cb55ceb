using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.Hosting;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// <c>WeeEvents:Messaging:QueueType=Quorum</c> on the single RabbitMQ node the tests run on: every route's queue is
/// declared quorum (and so is its <c>_error</c> queue, from the same arguments), orders flow as on classic queues, and a
/// parked message is returned by the operator's tool.
/// </summary>
public sealed class QuorumQueueTests(QuorumOrderSystem system) : IClassFixture<QuorumOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_route_queue_is_quorum_and_an_order_completes_and_a_declined_one_is_cancelled()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 3m);
        var (paid, declined) = (Ids.New("order"), Ids.New("order"));

        await system.PlaceAsync(paid, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 3m)));
        await system.PlaceAsync(declined, PlaceOrder.Of("tok_decline", new OrderLine(sku, 1, 3m)));

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(paid, FlowTimeout)).Status());
        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(declined, FlowTimeout)).Status());
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 2 && s.GetProperty("reserved").GetInt32() == 0, "two units committed, none held");

        var queues = (await RabbitMqBroker.QueuesAsync(system.VirtualHost, TestContext.Current.CancellationToken)).ToDictionary(q => q.Name);
        var routes = Enum.GetValues<FlowService>()
            .SelectMany(s => ServiceWiring.Modules(s, system.Gateway))
            .SelectMany(m => m.Inbound.Routes)
            .Select(r => r.Name)
            .ToArray();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            Assert.True(queues.TryGetValue(route, out var queue), $"no queue {route}");
            Assert.Equal("quorum", queue.Type);
        }

    }

    [Fact]
    public async Task A_parked_message_waits_in_a_quorum_error_queue_and_the_tool_returns_it()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 3m);
        var orderId = Ids.New("order");
        var shipping = system.Database(FlowService.Shipping);

        await shipping.ExecuteAsync("ALTER TABLE events RENAME TO events_away");
        try
        {
            await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 3m)));
            await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.schedule_error", 1, FlowTimeout);
            await AdminTool.AwaitReadyAsync(system.VirtualHost, "shipping.note-address_error", 1, FlowTimeout);
        }
        finally
        {
            await shipping.ExecuteAsync("ALTER TABLE events_away RENAME TO events");
        }

        var queues = (await RabbitMqBroker.QueuesAsync(system.VirtualHost, TestContext.Current.CancellationToken)).ToDictionary(q => q.Name);
        Assert.Equal("quorum", queues["shipping.schedule_error"].Type);
        Assert.Equal("quorum", queues["shipping.note-address_error"].Type);

        await AdminTool.RunOkAsync(system.VirtualHost, "parked", "return", "shipping.note-address", "--all");
        await AdminTool.RunOkAsync(system.VirtualHost, "parked", "return", "shipping.schedule", "--all");
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
    }
}

/// <summary>The four services on PostgreSQL with quorum queues, giving up on a failing message after one quick retry.</summary>
public sealed class QuorumOrderSystem : PostgresOrderSystem
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) =>
    [
        new("WeeEvents:Messaging:QueueType", "Quorum"),
        new("WeeEvents:Messaging:RetryIntervals:0", "00:00:00.050"),
    ];
}
