using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>
/// The order flow with a payment gateway that never answers a charge, behind Payment's timeout: the charge is decided
/// as declined, so no order is left open with its stock held, and a charge the gateway made without answering is
/// given back.
/// </summary>
public class HangingGatewayFlowTests
{
    private static readonly PaymentGatewayOptions ShortTimeout = new() { Timeout = TimeSpan.FromMilliseconds(50) };

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_charge_the_gateway_never_answers_is_declined_so_the_order_is_cancelled_and_its_stock_released(int seed)
    {
        var flow = new OrderFlow(seed, gateway: simulated => new ResilientPaymentGateway(new HangingGateway(simulated, chargeFirst: false), ShortTimeout));
        await flow.Restock("sku-1", 10, 9.99m);
        await flow.Execute("o-1", PlaceOrder.Name, new PlaceOrder.Command("c-1", "EUR", [new OrderLine("sku-1", 2, 9.99m)], Orders.Address, "tok_visa"));
        await flow.DeliverAllAsync();

        Assert.Contains(PaymentFailed.GatewayUnavailable, Assert.IsType<OrderState.Cancelled>(await flow.OrderOf("o-1")).Reason, StringComparison.Ordinal);
        Assert.Equal(PaymentFailed.GatewayUnavailable, Assert.IsType<PaymentState.Failed>(await flow.PaymentOf("o-1")).Reason);
        Assert.IsType<StockReservationState.Released>(await flow.ReservationOf("o-1"));
        var item = await flow.ItemOf("sku-1");
        Assert.Equal((10, 0), (item.Available, item.Reserved));
        Assert.Empty(flow.Gateway.Charged);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_charge_the_gateway_made_without_answering_is_refunded_when_the_cancellation_reaches_payment(int seed)
    {
        var flow = new OrderFlow(seed, gateway: simulated => new ResilientPaymentGateway(new HangingGateway(simulated, chargeFirst: true), ShortTimeout));
        await flow.Restock("sku-1", 10, 9.99m);
        await flow.Execute("o-1", PlaceOrder.Name, new PlaceOrder.Command("c-1", "EUR", [new OrderLine("sku-1", 2, 9.99m)], Orders.Address, "tok_visa"));
        await flow.DeliverAllAsync();

        Assert.IsType<OrderState.Cancelled>(await flow.OrderOf("o-1"));
        Assert.Equal(19.98m, Assert.IsType<PaymentState.Refunded>(await flow.PaymentOf("o-1")).Amount);
        Assert.Single(flow.Gateway.Refunded);
        var item = await flow.ItemOf("sku-1");
        Assert.Equal((10, 0), (item.Available, item.Reserved));
    }

    /// <summary>
    /// A gateway whose charges never return, even when cancelled (so only the caller's own timeout frees it); with
    /// <c>chargeFirst</c>, it makes the charge before it hangs, as a gateway whose answer is lost on the way back.
    /// </summary>
    private sealed class HangingGateway(SimulatedPaymentGateway simulated, bool chargeFirst) : IPaymentGateway
    {
        public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            if (chargeFirst)
            {
                await simulated.ChargeAsync(request, CancellationToken.None);
            }

            return await new TaskCompletionSource<ChargeOutcome>().Task;
        }

        public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            simulated.FindChargeAsync(idempotencyKey, cancellationToken);

        public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken) => simulated.RefundAsync(request, cancellationToken);
    }
}
