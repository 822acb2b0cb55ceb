using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Tests.Domain;
using WeeEvents.MassTransit.Tests.Infrastructure;
using WeeEvents.Messaging;
using WeeEvents.Operator;

namespace WeeEvents.MassTransit.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("RabbitMq", null, "ConnectionStrings:RabbitMq")]
    [InlineData("RabbitMq", "http://guest:guest@localhost:5672/", "ConnectionStrings:RabbitMq")]
    [InlineData("Kafka", "amqp://guest:guest@localhost:5672/", "WeeEvents:Transport")]
    [InlineData(null, null, "ConnectionStrings:RabbitMq")] // RabbitMq is the service default
    public async Task A_missing_or_malformed_transport_setting_stops_start_up_naming_the_key(string? transport, string? connection, string key)
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = transport, ["ConnectionStrings:RabbitMq"] = connection };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guest:guest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_relay_setting_stops_start_up_naming_the_key()
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory", ["WeeEvents:Outbox:BatchSize"] = "0" };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains("WeeEvents:Outbox:BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeepDispatchedFor", "1.00:00:00", "WeeEvents:Database:OutboxRetention")]
    [InlineData("HousekeepingInterval", "00:00:05", "WeeEvents:Outbox:PendingCountInterval")]
    [InlineData("DispatchOnCommit", "false", "always publishes a commit's rows")]
    public async Task A_retired_relay_setting_stops_start_up_naming_what_replaced_it(string key, string value, string instead)
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory", [$"WeeEvents:Outbox:{key}"] = value };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains($"WeeEvents:Outbox:{key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(instead, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stream")]
    [InlineData("1")]
    [InlineData("Classic,Quorum")]
    public async Task An_unknown_queue_type_stops_start_up_naming_the_key(string queueType)
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory", ["WeeEvents:Messaging:QueueType"] = queueType };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains("WeeEvents:Messaging:QueueType", error.Message, StringComparison.Ordinal);
        Assert.Contains("Classic, Quorum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retired_partitions_setting_stops_start_up_naming_what_replaced_it()
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory", ["WeeEvents:Messaging:Partitions"] = "16" };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains("WeeEvents:Messaging:Partitions", error.Message, StringComparison.Ordinal);
        Assert.Contains("WeeEvents:Database:StreamTurns", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Operator")]
    [InlineData("1")]
    public async Task An_unknown_consume_topology_stops_start_up_naming_the_key(string topology)
    {
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory", ["WeeEvents:Messaging:ConsumeTopology"] = topology };
        await using var service = TestService.Build("misconfigured", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Publish(Orders.Mapper), settings: settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(service.StartAsync);

        Assert.Contains("WeeEvents:Messaging:ConsumeTopology", error.Message, StringComparison.Ordinal);
        Assert.Contains("Service, Deployed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_services_bus_queue_carries_its_name_and_is_unique_per_instance()
    {
        var first = WeeEventsMessagingServiceCollectionExtensions.BusEndpointName("order");
        var second = WeeEventsMessagingServiceCollectionExtensions.BusEndpointName("order");

        // scripts/rabbitmq-users.sh gives the order user order_bus_.* and no other bus queue.
        Assert.Matches("^order_bus_[0-9a-f]{32}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_routes_a_service_consumes_by_are_told_with_their_contracts_named_as_an_outbox_stores_them()
    {
        var routes = MessageRoutes.Empty
            .On<Contracts.ItemOrdered>("stock.reserve", _ => Task.CompletedTask)
            .On<Contracts.ItemOrdered>("stock.note-demand", _ => Task.CompletedTask)
            .On<Contracts.StockReserved>("orders.mark-reserved", _ => Task.CompletedTask);
        var settings = new Dictionary<string, string?> { ["WeeEvents:Transport"] = "InMemory" };
        await using var service = TestService.Build("routes", null, new InMemoryServiceDatabase(Orders.Mapper), m => m.Consume(routes), settings: settings);

        // What GET /operator/routes answers: the console matches each outbox row's message type against these.
        Assert.Equal(
            [
                new RouteContract("stock.reserve", "urn:message:weeevents-tests:item-ordered"),
                new RouteContract("stock.note-demand", "urn:message:weeevents-tests:item-ordered"),
                new RouteContract("orders.mark-reserved", "urn:message:weeevents-tests:stock-reserved"),
            ],
            service.Services.GetRequiredService<RouteContracts>().Routes);
    }

    [Fact]
    public async Task The_in_memory_transport_carries_a_service_to_itself_through_outbox_and_inbox()
    {
        // The embedded host: one process, one database, the in-memory bus.
        var mapper = OutboxMapper.Empty
            .Map<Orders.Placed, Contracts.ItemOrdered>(Orders.PlacedEvent, e => new Contracts.ItemOrdered(e.Aggregate.Key, e.Data.Sku, e.Data.Quantity))
            .Map<Stock.Reserved, Contracts.StockReserved>(Stock.ReservedEvent, e => new Contracts.StockReserved(e.Data.OrderId, e.Aggregate.Key, e.Data.Quantity));
        var db = new InMemoryServiceDatabase(mapper);
        await using var service = TestService.Build(
            "embedded", null, db,
            m =>
            {
                m.DefaultTransport = Transport.MessagingTransport.InMemory;
                m.Publish(mapper).Consume(ReserveStockConsumer.Routes(new ConsumerProbe()));
            },
            settings: new Dictionary<string, string?> { ["WeeEvents:Transport"] = null });
        await service.StartAsync();

        await service.ExecuteAsync(Orders.Description, Orders.PlaceCommand, "order-embedded", new Orders.Place("sku-embedded", 4));

        await Eventually.TrueAsync(() => db.Stream(Stock.Description.Id("sku-embedded")).Count == 1, "the consumer reserved stock");
        await Eventually.TrueAsync(() => db.Pending() == 0, "both outbox rows were published");
    }
}
