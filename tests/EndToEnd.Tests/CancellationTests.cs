using System.Net;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>cancel-order before payment: the order ends cancelled and nothing is kept, however the messages race.</summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class CancellationTests(PostgresOrderSystem system)
{
    [Fact]
    public async Task Cancelling_before_payment_cancels_the_order_charges_nothing_and_holds_no_stock()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 2m);
        var orderId = Ids.New("order");

        // With Inventory down the order cannot reach payment (the charge waits for the stock): the cancel is certain
        // to come before it. Inventory then hears OrderPlaced and OrderCancelled in either order.
        await system.StopAsync(FlowService.Inventory);
        try
        {
            await system.PlaceAsync(orderId, PlaceOrder.Of("tok_visa", new OrderLine(sku, 3, 2m)));
            await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "requested");
            using var cancel = await system.CancelOrderAsync(orderId);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", (await cancel.EntityAsync()).GetProperty("state").Status());
        }
        finally
        {
            await system.StartAsync(FlowService.Inventory);
        }

        await system.AwaitStateAsync(FlowService.Inventory, $"/stock-reservation/{orderId}", s => s.Status() is "released" or "voided", "Inventory lets go of the order");
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "cancelled");
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "cancelled");
        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(orderId)).Status());
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(sku));
        Assert.DoesNotContain($"payment.{orderId}", system.Gateway.Simulated.Charged.Keys);
    }

    [Fact]
    public async Task A_cancel_that_lands_while_the_card_is_being_charged_ends_cancelled_and_refunded()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 15m);
        var orderId = Ids.New("order");
        var paymentId = $"payment.{orderId}";

        await system.PlaceAsync(orderId, PlaceOrder.Of(HoldingPaymentGateway.HoldToken, new OrderLine(sku, 2, 15m)));
        await system.Gateway.ChargeStarted(paymentId).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var cancel = await system.CancelOrderAsync(orderId);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        // The worst interleaving: Payment hears of the cancellation while the charge is still in flight, then it succeeds.
        await system.AwaitStateAsync(FlowService.Payment, $"/payment/{orderId}", s => s.Status() != "requested", "Payment hears of the cancellation");
        system.Gateway.Release(paymentId);

        await system.AwaitStateAsync(
            FlowService.Payment,
            $"/payment/{orderId}",
            _ => !system.Gateway.Simulated.Charged.ContainsKey(paymentId) || system.Gateway.Simulated.Refunded.Contains(paymentId),
            "the charge made in flight is refunded");
        await system.AwaitStatusAsync(FlowService.Payment, $"/payment/{orderId}", "refunded");
        Assert.Equal("cancelled", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStateAsync(FlowService.Inventory, $"/inventory-item/{sku}", s => s.GetProperty("available").GetInt32() == 10, "the units are available again");
        Assert.Equal(new Stock(Available: 10, Reserved: 0, Committed: 0), await system.StockAsync(sku));
    }
}
