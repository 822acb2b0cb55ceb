using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;

namespace WeeEvents.MassTransit.Tests;

public sealed class DeliveryTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task An_event_appended_in_A_reaches_the_consumer_in_B_which_commits_its_events_outbox_and_inbox_together()
    {
        await using var vhost = await broker.CreateVirtualHostAsync(TestContext.Current.CancellationToken);
        var ordersDb = new InMemoryServiceDatabase(Orders.Mapper);
        var stockDb = new InMemoryServiceDatabase(Stock.Mapper);
        await using var orders = await TestService.StartAsync("orders", vhost, ordersDb, m => m.Publish(Orders.Mapper));
        await using var stock = await StartStockAsync(vhost, stockDb);

        var orderId = Guid.NewGuid().ToString();
        await orders.ExecuteAsync(Orders.Description, Orders.PlaceCommand, orderId, new Orders.Place("sku-1", 3));

        var sku = Stock.Description.Id("sku-1");
        await Eventually.TrueAsync(() => stockDb.Stream(sku).Count == 1, "B recorded the reservation");

        var placed = ordersDb.Stream(Orders.Description.Id(orderId)).Single();
        var reserved = stockDb.Stream(sku).Single();
        Assert.Equal(Stock.ReservedEvent, reserved.Type);
        // The consumer's command carries the message's correlation and is caused by the message (the source event's id).
        Assert.Equal(placed.Metadata.CorrelationId, reserved.Metadata.CorrelationId);
        Assert.Equal(placed.EventId.ToString(), reserved.Metadata.CausationId);
        Assert.True(stockDb.InboxHas(ReserveStockConsumer.Name, placed.EventId));
        var outbox = Assert.Single(stockDb.OutboxMessages());
        Assert.Equal(reserved.EventId, outbox.MessageId);
        Assert.Equal("urn:message:weeevents-tests:stock-reserved", outbox.MessageType);
        Assert.Contains("\"orderId\":\"" + orderId + "\"", outbox.Body, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => stockDb.Pending() == 0, "B's relay published its own outbox row");
        Assert.Equal(0, ordersDb.Pending());
    }

    internal static Task<TestService> StartStockAsync(TestVirtualHost vhost, ITestStorage db, ConsumerProbe? probe = null, ConsumeCounter? counter = null, string name = "stock") =>
        TestService.StartAsync(name, vhost, db,
            m => m.Publish(Stock.Mapper).Consume(ReserveStockConsumer.Routes(probe ?? new ConsumerProbe())),
            s => s.AddConsumeObserver(_ => counter ?? new ConsumeCounter()),
            new Dictionary<string, string?>(ReserveStockConsumer.Settings));
}
