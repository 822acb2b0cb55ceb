using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

public sealed class RelayTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commit_whose_relay_stopped_before_publishing_is_delivered_after_the_relay_restarts()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var log = new DeliveryLog();
        await using var recorder = await StartRecorderAsync(vhost, log);

        var first = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await first.DisposeAsync(); // the relay is gone
        var orderId = Guid.NewGuid().ToString();
        await Orders.Description.CreateService(ordersDb.Events).ExecuteAsync(Orders.PlaceCommand, Orders.Description.Id(orderId), new Orders.Place("sku-r", 1), Callers.AsService, Ct);
        Assert.Equal(1, ordersDb.Pending());

        await using var restarted = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await Eventually.TrueAsync(() => !log.Deliveries.IsEmpty, "the message was delivered after the restart");
        var delivery = Assert.Single(log.Deliveries);
        Assert.Equal(orderId, delivery.Message.OrderId);
        Assert.Equal(ordersDb.Stream(Orders.Description.Id(orderId)).Single().EventId, delivery.MessageId);
        await Eventually.TrueAsync(() => ordersDb.Pending() == 0, "the row was marked dispatched");
    }

    [Fact]
    public async Task A_commit_in_the_same_process_wakes_the_relay_without_waiting_for_its_poll()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        await using var ordersDb = EfTestStorage.Sqlite();
        var log = new DeliveryLog();
        await using var recorder = await StartRecorderAsync(vhost, log);
        var lazyPoll = new Dictionary<string, string?> { ["WeeEvents:Outbox:PollInterval"] = "00:10:00" };
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper), settings: lazyPoll);
        var outbox = orders.Services.GetRequiredService<WeeEvents.Messaging.IOutboxStore>();
        await Eventually.ValueAsync(async () => await outbox.CountPendingAsync(Ct) == 0 ? "idle" : null, "the relay finished its first round");

        await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, "order-wake", new Orders.Place("sku-w", 1));

        // Far sooner than the ten-minute poll: the commit's signal woke the relay.
        await Eventually.TrueAsync(() => !log.Deliveries.IsEmpty, "the message was delivered", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Commits_handed_to_the_relay_leave_in_commit_order_per_aggregate_without_its_poll()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var log = new DeliveryLog();
        await using var recorder = await StartRecorderAsync(vhost, log);
        var lazyPoll = new Dictionary<string, string?> { ["WeeEvents:Outbox:PollInterval"] = "00:10:00" };
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper), settings: lazyPoll);

        const int aggregates = 6;
        const int placementsPerOrder = 10;
        for (var n = 0; n < placementsPerOrder; n++)
        {
            // Aggregates concurrently, each aggregate's commits one after the other.
            await Task.WhenAll(Enumerable.Range(0, aggregates).Select(o =>
                orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, $"order-{o}", new Orders.Place("sku", n + 1))));
        }

        await Eventually.TrueAsync(() => log.Deliveries.Count >= aggregates * placementsPerOrder, "every commit was delivered", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => ordersDb.Pending() == 0, "every row was marked dispatched");
        AssertEveryRowOnceInOrder(log, aggregates, placementsPerOrder);
    }

    [Fact]
    public async Task A_broker_outage_of_several_seconds_delays_delivery_and_loses_nothing()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb);

        await vhost.CutOffAsync(Ct);
        const int count = 20;
        for (var i = 0; i < count; i++)
        {
            await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, $"order-{i}", new Orders.Place($"sku-{i}", 1));
        }

        // The outage itself is the scenario: the relay keeps failing and backing off meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.Equal(count, ordersDb.Pending());
        await vhost.RestoreAsync(Ct);

        await Eventually.TrueAsync(
            () => Enumerable.Range(0, count).All(i => stockDb.Stream(Stock.Description.Id($"sku-{i}")).Count == 1),
            "every order reached the stock service", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => ordersDb.Pending() == 0, "every row was marked dispatched");
        Assert.All(Enumerable.Range(0, count), i => Assert.Single(stockDb.Stream(Stock.Description.Id($"sku-{i}"))));
    }

    [Fact]
    public async Task Two_relays_draining_one_outbox_publish_every_row_once_in_per_aggregate_order()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var log = new DeliveryLog();
        await using var recorder = await StartRecorderAsync(vhost, log);

        const int orders = 6;
        const int placementsPerOrder = 15;
        var service = Orders.Description.CreateService(ordersDb.Events);
        for (var n = 0; n < placementsPerOrder; n++)
        {
            for (var o = 0; o < orders; o++)
            {
                await service.ExecuteAsync(Orders.PlaceCommand, Orders.Description.Id($"order-{o}"), new Orders.Place("sku", n + 1), Callers.AsService, Ct);
            }
        }

        var small = new Dictionary<string, string?> { ["WeeEvents:Outbox:BatchSize"] = "4" };
        var one = TestService.Build("orders-1", vhost, ordersDb, m => m.Publish(Orders.Mapper), settings: small);
        var two = TestService.Build("orders-2", vhost, ordersDb, m => m.Publish(Orders.Mapper), settings: small);
        await using (one)
        await using (two)
        {
            await Task.WhenAll(one.StartAsync(), two.StartAsync());
            await Eventually.TrueAsync(() => log.Deliveries.Count >= orders * placementsPerOrder, "every row was delivered", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => ordersDb.Pending() == 0, "every row was marked dispatched");
        }

        AssertEveryRowOnceInOrder(log, orders, placementsPerOrder);

        TestContext.Current.TestOutputHelper?.WriteLine($"dispatched by orders-1: {ordersDb.DispatchedBy("orders-1")}, by orders-2: {ordersDb.DispatchedBy("orders-2")}");
    }

    /// <summary>Each of <paramref name="aggregates"/> aggregates' <paramref name="perAggregate"/> messages arrived once, in revision order.</summary>
    internal static void AssertEveryRowOnceInOrder(DeliveryLog log, int aggregates, int perAggregate)
    {
        var deliveries = log.Deliveries.ToArray();
        Assert.Equal(aggregates * perAggregate, deliveries.Length);
        Assert.Equal(deliveries.Length, deliveries.Select(d => d.MessageId).Distinct().Count());
        foreach (var stream in deliveries.GroupBy(d => d.Source))
        {
            Assert.Equal(Enumerable.Range(1, perAggregate).Select(r => (long)r), stream.Select(d => d.Revision));
        }
    }

    internal static Task<TestService> StartRecorderAsync(TestVirtualHost vhost, DeliveryLog log) =>
        TestService.StartAsync("recorder", vhost, new InMemoryServiceDatabase(Orders.Mapper),
            m => m.Consumers(x => x.AddConsumer<RecordingConsumer>().Endpoint(e =>
            {
                e.Name = "recorder";
                e.ConcurrentMessageLimit = 1; // arrival order is the broker's order
            })),
            s => s.AddSingleton(log));
}
