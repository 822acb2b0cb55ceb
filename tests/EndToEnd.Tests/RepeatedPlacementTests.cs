using System.Net;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>A client retrying place-order with the same order id.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class RepeatedPlacementTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task Placing_the_same_order_again_with_the_same_content_answers_200_and_changes_nothing()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 3m);
        var orderId = Ids.New("order");
        var order = PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 3m));
        await system.PlaceAsync(orderId, order);
        await system.AwaitOrderEndAsync(orderId);
        var before = (await system.EntityAsync(FlowService.Order, $"/order/{orderId}"))!.Value.GetProperty("revision").GetInt64();

        using var again = await system.PlaceOrderAsync(orderId, order);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var entity = await again.EntityAsync();
        Assert.Equal(before, entity.GetProperty("revision").GetInt64());
        Assert.Equal("completed", entity.GetProperty("state").Status());
        Assert.Single(await system.EventTypesAsync(FlowService.Order, $"/order/{orderId}"), t => t == "order-placed");
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("committed").GetInt32() == 2, "the units are committed");
        Assert.Equal(new Stock(Available: 8, Reserved: 0, Committed: 2), await system.StockAsync(sku));
        Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == $"payment.{orderId}");
    }

    [Fact]
    public async Task Placing_the_same_order_id_with_other_content_is_refused_with_409()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 3m);
        var orderId = Ids.New("order");
        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 3m)));

        using var other = await system.PlaceOrderAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 5, 3m)));

        var problem = await other.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("place-order", problem.GetProperty("operation").GetString());
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        Assert.Equal(6m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "succeeded")).GetProperty("amount").GetDecimal());
    }
}
