using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Inventory owns prices: an order is charged the catalogue total, and one quoting another price, or a SKU without
/// one, is rejected with its reason and never charged.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class PricingTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task An_order_quoting_a_tampered_unit_price_is_rejected_naming_the_catalogue_price_and_nothing_is_charged()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 19.99m);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 0.01m)));

        var order = await system.AwaitOrderEndAsync(orderId);
        Assert.Equal("rejected", order.Status());
        Assert.Equal($"price-changed: {sku} costs 19.99 EUR, not 0.01 EUR", order.GetProperty("reason").GetString());
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "cancelled");
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(sku));
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
    }

    [Fact]
    public async Task A_new_price_rejects_orders_quoting_the_old_one_and_charges_those_quoting_it()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        await system.SetPriceAsync(sku, 6.5m);
        var stale = Ids.New("order");
        var current = Ids.New("order");

        await system.PlaceAsync(stale, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)));
        await system.PlaceAsync(current, PlaceOrder.Of("tok_visa", new OrderLine(sku, 2, 6.5m)));

        Assert.Equal("rejected", (await system.AwaitOrderEndAsync(stale)).Status());
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(current)).Status());
        Assert.Equal(13m, (await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{current}", "succeeded")).GetProperty("amount").GetDecimal());
        Assert.Equal(13m, Assert.Single(system.Gateway.Simulated.Charged, c => c.Key == $"payment.{current}").Value);
    }

    [Fact]
    public async Task A_sku_without_a_price_cannot_be_ordered()
    {
        var sku = Ids.New("sku");
        await system.RestockAsync(sku, 10);
        var orderId = Ids.New("order");

        await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 3m)));

        var order = await system.AwaitOrderEndAsync(orderId);
        Assert.Equal("rejected", order.Status());
        Assert.Equal($"price-not-set: {sku} has no price", order.GetProperty("reason").GetString());
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
    }

    [Fact]
    public async Task A_price_out_of_bounds_is_a_400_naming_the_field()
    {
        using var response = await system.PostAsync(FlowService.Inventory, $"/inventory-item/{Ids.New("sku")}/set-price", new { amount = 1.001m, currency = "EUR" });
        var problem = await response.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(["amount"], problem.ErrorFields());
    }
}
