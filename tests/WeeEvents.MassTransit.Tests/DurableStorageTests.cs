using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Tests;

/// <summary>The same guarantees on the EF Core storage: A on a SQLite file, B on PostgreSQL (or SQLite without POSTGRES_CONNECTION).</summary>
public sealed class DurableStorageTests(RabbitMqBroker broker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_durable_storage_an_event_of_A_reaches_B_whose_events_outbox_and_inbox_commit_together_and_B_answers_A()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        await using var ordersDb = EfTestStorage.Sqlite();
        await using var stockDb = EfTestStorage.PostgresOrSqlite();
        var answers = new ReservationLog();
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb,
            m => m.Publish(Orders.Mapper).Consumers(x => x.AddConsumer<StockReservedRecorder>()),
            s => s.AddSingleton(answers));
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb);

        var orderId = Guid.NewGuid().ToString();
        await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, orderId, new Orders.Place("sku-durable", 2));

        await Eventually.TrueAsync(() => !answers.Received.IsEmpty, "A heard B's answer (B's outbox row was committed and published)");
        var answer = Assert.Single(answers.Received);
        Assert.Equal(new StockReserved(orderId, "sku-durable", 2), answer.Message);

        var placed = Assert.Single(await Load(orders, Orders.Description.Id(orderId)));
        var reserved = Assert.Single(await Load(stock, Stock.Description.Id("sku-durable")));
        Assert.Equal(reserved.EventId, answer.MessageId);
        Assert.Equal(placed.Metadata.CorrelationId, reserved.Metadata.CorrelationId);
        Assert.Equal(placed.EventId.ToString(), reserved.Metadata.CausationId);
        Assert.False(await InboxIsFree(stock, ReserveStockConsumer.Name, placed.EventId), "the inbox row committed with the events");
    }

    [Fact]
    public async Task On_durable_storage_the_same_message_twice_has_one_effect()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        await using var stockDb = EfTestStorage.PostgresOrSqlite();
        var counter = new ConsumeCounter();
        await using var stock = await DeliveryTests.StartStockAsync(vhost, stockDb, counter: counter);

        var bus = stock.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        // Both at once: the second may find the row committed, or lose the race at commit (DuplicateMessage).
        await Task.WhenAll(
            bus.Publish(new ItemOrdered("order-d", "sku-twice", 1), c => c.MessageId = messageId, Ct),
            bus.Publish(new ItemOrdered("order-d", "sku-twice", 1), c => c.MessageId = messageId, Ct));

        await Eventually.TrueAsync(() => counter.CompletedCount(messageId) == 2, "both deliveries were acknowledged");
        Assert.Single(await Load(stock, Stock.Description.Id("sku-twice")));
    }

    [Fact]
    public async Task On_durable_storage_two_relays_draining_one_outbox_publish_every_row_once_in_per_aggregate_order()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(Ct);
        await using var ordersDb = EfTestStorage.PostgresOrSqlite();
        var log = new DeliveryLog();
        await using var recorder = await RelayTests.StartRecorderAsync(vhost, log);

        const int orders = 6;
        const int placementsPerOrder = 15;
        // A writer without a relay fills the outbox first, so both relays start with work waiting.
        await using (var writer = await TestService.StartAsync("writer", vhost, ordersDb, _ => { }, s => s.AddSingleton<IOutboxMapper>(Orders.Mapper)))
        {
            for (var n = 0; n < placementsPerOrder; n++)
            {
                await Task.WhenAll(Enumerable.Range(0, orders).Select(o =>
                    writer.ExecuteAsync(Orders.Description, Orders.PlaceCommand, $"order-{o}", new Orders.Place("sku", n + 1))));
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
            var store = one.Services.GetRequiredService<IOutboxStore>();
            await Eventually.ValueAsync(async () => await store.CountPendingAsync(Ct) == 0 ? "drained" : null, "every row was marked dispatched");
        }

        var deliveries = log.Deliveries.ToArray();
        Assert.Equal(orders * placementsPerOrder, deliveries.Length);
        Assert.Equal(deliveries.Length, deliveries.Select(d => d.MessageId).Distinct().Count());
        foreach (var stream in deliveries.GroupBy(d => d.Source))
        {
            Assert.Equal(Enumerable.Range(1, placementsPerOrder).Select(r => (long)r), stream.Select(d => d.Revision));
        }
    }

    private static Task<IReadOnlyList<RecordedEvent<JsonElement>>> Load(TestService service, AggregateId aggregate) =>
        service.Services.GetRequiredService<IEventStore>().LoadAsync(aggregate, cancellationToken: Ct);

    private static async Task<bool> InboxIsFree(TestService service, string consumer, Guid messageId)
    {
        // Asks the inbox inside a unit of work that is never committed: nothing changes.
        await using var unitOfWork = await service.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        return await unitOfWork.TryRecordHandledAsync(consumer, messageId, Ct);
    }
}
