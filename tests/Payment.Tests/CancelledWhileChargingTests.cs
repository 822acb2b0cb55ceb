using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Testing;

namespace WeeEvents.Services.Payment.Tests;

/// <summary>
/// A cancellation recorded while the charge was at the gateway: the charge's own append then loses the revision
/// race, and its re-run meets a cancelled payment. Whatever the gateway decided, no money is kept.
/// </summary>
public class CancelledWhileChargingTests
{
    private const string PaymentId = "payment.o-1";
    private static readonly PaymentRefunded.Data Refund = new(24.98m, "EUR", "txn-payment.o-1", "rfd-payment.o-1");
    private readonly SimulatedPaymentGateway _gateway = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private ScenarioGiven<PaymentState> Order() => Scenario.For(PaymentService.Description(_gateway), "o-1");

    /// <summary>Requested, then cancelled before the charge was recorded.</summary>
    private ScenarioGiven<PaymentState> CancelledAfterRequest(string token = "tok_visa") => Order()
        .Given(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", token))
        .Given(PaymentCancelled.Name, new PaymentCancelled.Data("changed my mind"));

    /// <summary>The charge that was in flight during the cancellation, as the gateway decided it.</summary>
    private Task<ChargeOutcome> ChargedInFlight(string token = "tok_visa") =>
        _gateway.ChargeAsync(new ChargeRequest(PaymentId, 24.98m, "EUR", token), _ct);

    [Fact]
    public async Task A_cancelled_payment_keeps_the_amount_and_currency_it_was_requested_with()
    {
        var entity = await Order().Given(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", "tok_visa"))
            .When(RefundPayment.Name, new RefundPayment.Command("changed my mind"))
            .Then(PaymentCancelled.Name, new PaymentCancelled.Data("changed my mind"));
        Assert.Equal(new PaymentState.Cancelled("changed my mind", 24.98m, "EUR"), entity.State);
    }

    [Fact]
    public async Task The_charge_retried_on_a_cancelled_payment_refunds_the_money_the_gateway_took()
    {
        await ChargedInFlight();

        var entity = await CancelledAfterRequest().When(ChargePayment.Name, new ChargePayment.Command()).Then(PaymentRefunded.Name, Refund);

        Assert.Equal(new PaymentState.Refunded(24.98m, "EUR", "txn-payment.o-1", "rfd-payment.o-1"), entity.State);
        Assert.Equal([PaymentId], _gateway.Refunded);
    }

    [Fact]
    public async Task The_order_heard_after_its_stock_whose_immediate_charge_raced_a_cancel_is_refunded()
    {
        // request-payment on awaiting-order charges at once; the cancel landed meanwhile, before any amount was recorded.
        await ChargedInFlight();
        var cancelledWhileAwaiting = Order()
            .Given(StockReservationNoted.Name, new StockReservationNoted.Data())
            .Given(PaymentCancelled.Name, new PaymentCancelled.Data("cancelled"));

        var entity = await cancelledWhileAwaiting.When(RequestPayment.Name, new RequestPayment.Command(24.98m, "EUR", "tok_visa"))
            .Then(PaymentRefunded.Name, Refund);

        Assert.IsType<PaymentState.Refunded>(entity.State);
        Assert.Equal([PaymentId], _gateway.Refunded);
    }

    [Fact]
    public async Task A_repeated_cancellation_also_refunds_a_charge_made_in_flight()
    {
        // Should the charge's own message be lost for good, the next cancellation heard settles the payment.
        await ChargedInFlight();
        await CancelledAfterRequest().When(RefundPayment.Name, new RefundPayment.Command("again")).Then(PaymentRefunded.Name, Refund);
    }

    [Fact]
    public async Task A_cancelled_payment_whose_charge_never_reached_the_gateway_records_nothing_and_charges_nothing()
    {
        await CancelledAfterRequest().When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        await CancelledAfterRequest().When(RequestPayment.Name, new RequestPayment.Command(24.98m, "EUR", "tok_visa")).ThenNothing();
        await CancelledAfterRequest().When(RefundPayment.Name, new RefundPayment.Command("again")).ThenNothing();

        Assert.Empty(_gateway.Charged);
        Assert.Empty(_gateway.Refunded);
    }

    [Fact]
    public async Task A_cancelled_payment_whose_charge_was_declined_records_nothing_and_refunds_nothing()
    {
        Assert.IsType<ChargeOutcome.Declined>(await ChargedInFlight("tok_decline"));

        await CancelledAfterRequest("tok_decline").When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();

        Assert.Empty(_gateway.Charged);
        Assert.Empty(_gateway.Refunded);
    }

    [Fact]
    public async Task Once_refunded_every_repeat_records_nothing_and_refunds_nothing_more()
    {
        await ChargedInFlight();
        var refunded = CancelledAfterRequest().Given(PaymentRefunded.Name, Refund);
        await _gateway.RefundAsync(new RefundRequest(PaymentId, Refund.TransactionId, 24.98m, "EUR"), _ct);

        await refunded.When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        await refunded.When(RequestPayment.Name, new RequestPayment.Command(24.98m, "EUR", "tok_visa")).ThenNothing();
        await refunded.When(RefundPayment.Name, new RefundPayment.Command("again")).ThenNothing();

        Assert.Equal([PaymentId], _gateway.Refunded);
        Assert.Single(_gateway.Charged);
    }
}
