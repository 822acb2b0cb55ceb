using MassTransit;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.MassTransit.Transport;
using Wire = WeeEvents.Contracts.Order;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>At-least-once delivery: the same integration message delivered twice has one effect.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class DuplicateDeliveryTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task An_order_placed_message_published_twice_with_one_message_id_reserves_charges_and_ships_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 7.5m);
        var orderId = Ids.New("order");
        var message = new Wire.OrderPlaced(
            orderId,
            "c-1",
            "EUR",
            [new Wire.OrderLine(sku, 2, 7.5m)],
            15m,
            new Wire.ShippingAddress("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB"),
            "tok_visa",
            DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        // A publisher that retried after a lost confirm: two copies, one MessageId, as the outbox relay would send them.
        var bus = RawBus();
        await bus.StartAsync(cancellationToken);
        try
        {
            await bus.Publish(message, c => { c.MessageId = messageId; c.CorrelationId = NewId.NextGuid(); }, cancellationToken);
            await bus.Publish(message, c => { c.MessageId = messageId; c.CorrelationId = NewId.NextGuid(); }, cancellationToken);
        }
        finally
        {
            await bus.StopAsync(cancellationToken);
        }

        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        Assert.Equal(15m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded")).GetProperty("amount").GetDecimal());
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() > 0, "the units are committed");

        Assert.Equal(new Stock(Available: 8, Reserved: 0, Committed: 2), await system.StockAsync(sku));
        Assert.Single(await system.EventTypesAsync(FlowService.Inventory, $"/inventory-item/{sku}"), t => t == "stock-reserved");
        Assert.Single(await system.EventTypesAsync(FlowService.Payment, $"/payment/{orderId}"), t => t == "payment-requested");
        Assert.Single(await system.EventTypesAsync(FlowService.Shipping, $"/shipment/{orderId}"), t => t == "address-noted");
        Assert.Equal(15m, Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == $"payment.{orderId}").Value);
    }

    private IBusControl RawBus()
    {
        Assert.True(RabbitMqAddress.TryParse(system.VirtualHost.AmqpUrl.ToString(), out var address, out var error), error);
        return Bus.Factory.CreateUsingRabbitMq(bus => bus.Host(address.Host, (ushort)address.Port, address.VirtualHost, h =>
        {
            h.Username(address.Username);
            h.Password(address.Password);
            h.PublisherConfirmation = true;
        }));
    }
}
