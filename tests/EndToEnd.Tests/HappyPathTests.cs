using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Orders with stock and a card that pays, through four services on PostgreSQL and RabbitMQ.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class HappyPathTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task An_order_in_stock_completes_charged_once_with_a_scheduled_shipment_and_its_stock_committed()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 9.99m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 9.99m)));

        var order = await system.AwaitOrderEndAsync(orderId);
        Assert.Equal("completed", order.Status());
        var payment = await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded");
        Assert.Equal(19.98m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", payment.GetProperty("currency").GetString());
        var shipment = await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        Assert.Equal("Royal Mail", shipment.GetProperty("carrier").GetString());
        Assert.False(string.IsNullOrWhiteSpace(shipment.GetProperty("trackingNumber").GetString()));
        Assert.Equal(shipment.GetProperty("carrier").GetString(), order.GetProperty("carrier").GetString());
        Assert.Equal(shipment.GetProperty("trackingNumber").GetString(), order.GetProperty("trackingNumber").GetString());

        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 2, "the units are committed");
        Assert.Equal(new Stock(Available: 8, Reserved: 0, Committed: 2), await system.StockAsync(sku));
        Assert.Equal(19.98m, Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == $"payment.{orderId}").Value);
    }

    [Fact]
    public async Task A_card_that_fails_once_is_retried_and_the_order_completes_with_one_charge()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 25m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_flaky", new OrderLine(sku, 1, 25m)));

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        Assert.Equal(25m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded")).GetProperty("amount").GetDecimal());
        Assert.Equal(25m, Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == $"payment.{orderId}").Value);
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 1, "the unit is committed");
    }

    [Fact]
    public async Task The_entity_routes_answer_in_the_documented_wire_shapes()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 3, 2.5m);
        var orderId = Ids.New("order");
        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 2.5m), new OrderLine(sku, 1, 2.5m)));
        await system.AwaitOrderEndAsync(orderId);

        var order = (await system.EntityAsync(FlowService.Order, $"/order/{orderId}"))!.Value;
        Assert.Equal("order", order.GetProperty("aggregate").GetProperty("type").GetString());
        Assert.Equal(orderId, order.GetProperty("aggregate").GetProperty("key").GetString());
        Assert.True(order.GetProperty("revision").GetInt64() >= 4, "placed, stock-reserved, paid, completed");
        Assert.Equal("completed", order.GetProperty("state").GetProperty("status").GetString());

        var placed = (await system.EntityAsync(FlowService.Order, $"/order/{orderId}?revision=1"))!.Value;
        Assert.Equal("placed", placed.GetProperty("state").Status());
        Assert.Equal("order-placed", (await system.EventTypesAsync(FlowService.Order, $"/order/{orderId}"))[0]);

        var item = (await system.EntityAsync(FlowService.Inventory, $"/inventory-item/{sku}"))!.Value.GetProperty("state");
        foreach (var field in new[] { "available", "reserved", "committed" })
        {
            Assert.Equal(JsonValueKind.Number, item.GetProperty(field).ValueKind);
        }

        var payment = (await system.EntityAsync(FlowService.Payment, $"/payment/{orderId}"))!.Value.GetProperty("state");
        Assert.Equal(5m, payment.GetProperty("amount").GetDecimal());
        var shipment = (await system.EntityAsync(FlowService.Shipping, $"/shipment/{orderId}"))!.Value.GetProperty("state");
        Assert.Equal(JsonValueKind.String, shipment.GetProperty("trackingNumber").ValueKind);
        Assert.Null(await system.EntityAsync(FlowService.Order, $"/order/{Ids.New("never-placed")}"));
    }
}
