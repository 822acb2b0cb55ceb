using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>An order with stock and a good card, through four services on PostgreSQL and RabbitMQ.</summary>
public sealed class HappyPathTests(PostgresOrderSystem system) : IClassFixture<PostgresOrderSystem>
{
    [Fact]
    public async Task An_order_in_stock_completes_charged_once_with_a_scheduled_shipment_and_its_stock_committed()
    {
        var sku = Ids.New("sku");
        await system.RestockAsync(sku, 10);
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
}
