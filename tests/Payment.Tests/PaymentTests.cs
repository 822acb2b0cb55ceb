using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Testing;

namespace WeeEvents.Services.Payment.Tests;

public class PaymentTests
{
    private const string PaymentId = "payment.o-1";
    private readonly SimulatedPaymentGateway _gateway = new();

    private ScenarioGiven<PaymentState> Order() => Scenario.For(PaymentService.Description(_gateway), "o-1");

    private ScenarioGiven<PaymentState> Requested(string token = "tok_visa") =>
        Order().Given(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", token));

    private ScenarioGiven<PaymentState> Succeeded() =>
        Requested().Given(PaymentSucceeded.Name, Charged);

    private static readonly PaymentSucceeded.Data Charged = new(24.98m, "EUR", "txn-payment.o-1");

    private static RequestPayment.Command Request(string token = "tok_visa") => new(24.98m, "EUR", token);

    [Fact]
    public async Task A_placed_order_requests_its_total_without_charging_yet()
    {
        var entity = await Order().When(RequestPayment.Name, Request()).Then(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", "tok_visa"));
        Assert.Equal(24.98m, Assert.IsType<PaymentState.Requested>(entity.State).Amount);
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task Reserved_stock_charges_a_requested_payment_once()
    {
        var entity = await Requested().When(ChargePayment.Name, new ChargePayment.Command()).Then(PaymentSucceeded.Name, Charged);
        Assert.IsType<PaymentState.Succeeded>(entity.State);
        Assert.Equal(24.98m, _gateway.Charged[PaymentId]);
    }

    [Fact]
    public async Task Reserved_stock_charges_the_total_at_catalogue_prices_it_carries()
    {
        var entity = await Requested().When(ChargePayment.Name, new ChargePayment.Command(25.48m, "EUR"))
            .Then(PaymentSucceeded.Name, new PaymentSucceeded.Data(25.48m, "EUR", "txn-payment.o-1"));
        Assert.Equal(25.48m, Assert.IsType<PaymentState.Succeeded>(entity.State).Amount);
        Assert.Equal(25.48m, _gateway.Charged[PaymentId]);
    }

    [Fact]
    public async Task Reserved_stock_heard_first_with_a_catalogue_total_charges_that_total_when_the_order_arrives()
    {
        var entity = await Order().Given(StockReservationNoted.Name, new StockReservationNoted.Data(25.48m, "EUR"))
            .When(RequestPayment.Name, Request()).Then(
                DomainEvent.Create(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", "tok_visa")),
                DomainEvent.Create(PaymentSucceeded.Name, new PaymentSucceeded.Data(25.48m, "EUR", "txn-payment.o-1")));
        Assert.Equal(25.48m, _gateway.Charged[PaymentId]);
        Assert.Equal(25.48m, Assert.IsType<PaymentState.Succeeded>(entity.State).Amount);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(0, "EUR")]
    [InlineData(1.001, "EUR")]
    public async Task A_charge_with_half_a_total_or_one_out_of_bounds_is_refused(double amount, string? currency)
    {
        await Requested().When(ChargePayment.Name, new ChargePayment.Command((decimal)amount, currency)).ThenFails<CommandValidationFailed>();
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_declined_token_fails_the_payment_and_takes_nothing()
    {
        var entity = await Requested("tok_decline").When(ChargePayment.Name, new ChargePayment.Command())
            .Then(PaymentFailed.Name, new PaymentFailed.Data(24.98m, "EUR", "card declined"));
        Assert.IsType<PaymentState.Failed>(entity.State);
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_flaky_gateway_fails_the_first_attempt_without_recording_and_the_retry_succeeds_once()
    {
        await Requested("tok_flaky").When(ChargePayment.Name, new ChargePayment.Command()).ThenFails<PaymentGatewayUnavailable>();
        var entity = await Requested("tok_flaky").When(ChargePayment.Name, new ChargePayment.Command()).Then(PaymentSucceeded.Name, Charged);

        Assert.IsType<PaymentState.Succeeded>(entity.State);
        Assert.Single(_gateway.Charged);
    }

    [Fact]
    public async Task Charging_again_after_success_or_failure_records_nothing_and_charges_nothing()
    {
        await Succeeded().When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        await Requested().Given(PaymentFailed.Name, new PaymentFailed.Data(24.98m, "EUR", "card declined")).When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_repeated_request_records_nothing()
    {
        await Requested().When(RequestPayment.Name, Request()).ThenNothing();
        await Succeeded().When(RequestPayment.Name, Request()).ThenNothing();
    }

    [Fact]
    public async Task A_request_for_another_amount_is_refused()
    {
        var error = await Requested().When(RequestPayment.Name, Request() with { Amount = 1m }).ThenFails<PaymentRequestMismatch>();
        Assert.Equal("requested", error.State);
    }

    [Fact]
    public async Task Reserved_stock_heard_before_the_order_waits_for_it()
    {
        var entity = await Order().When(ChargePayment.Name, new ChargePayment.Command()).Then(StockReservationNoted.Name, new StockReservationNoted.Data());
        Assert.IsType<PaymentState.AwaitingOrder>(entity.State);
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task The_order_heard_after_its_reserved_stock_is_charged_at_once()
    {
        var entity = await Order().Given(StockReservationNoted.Name, new StockReservationNoted.Data())
            .When(RequestPayment.Name, Request()).Then(
                DomainEvent.Create(PaymentRequested.Name, new PaymentRequested.Data(24.98m, "EUR", "tok_visa")),
                DomainEvent.Create(PaymentSucceeded.Name, Charged));
        Assert.IsType<PaymentState.Succeeded>(entity.State);
        Assert.Equal(24.98m, _gateway.Charged[PaymentId]);
    }

    [Fact]
    public async Task A_cancellation_before_the_charge_means_no_charge_is_ever_made()
    {
        var entity = await Requested().When(RefundPayment.Name, new RefundPayment.Command("changed my mind"))
            .Then(PaymentCancelled.Name, new PaymentCancelled.Data("changed my mind"));
        Assert.Equal(24.98m, Assert.IsType<PaymentState.Cancelled>(entity.State).Amount);

        var cancelled = Requested().Given(PaymentCancelled.Name, new PaymentCancelled.Data("changed my mind"));
        await cancelled.When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        await cancelled.When(RequestPayment.Name, Request()).ThenNothing();
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_cancellation_heard_before_the_order_means_no_charge_is_ever_made()
    {
        await Order().When(RefundPayment.Name, new RefundPayment.Command("cancelled")).Then(PaymentCancelled.Name, new PaymentCancelled.Data("cancelled"));

        var cancelled = Order().Given(PaymentCancelled.Name, new PaymentCancelled.Data("cancelled"));
        await cancelled.When(RequestPayment.Name, Request()).ThenNothing();
        await cancelled.When(ChargePayment.Name, new ChargePayment.Command()).ThenNothing();
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_charged_payment_of_a_cancelled_order_is_refunded_once()
    {
        await _gateway.ChargeAsync(new ChargeRequest(PaymentId, 24.98m, "EUR", "tok_visa"), TestContext.Current.CancellationToken);
        var charged = Requested().Given(PaymentSucceeded.Name, Charged);
        var refund = new PaymentRefunded.Data(24.98m, "EUR", "txn-payment.o-1", "rfd-payment.o-1");

        var entity = await charged.When(RefundPayment.Name, new RefundPayment.Command("changed my mind")).Then(PaymentRefunded.Name, refund);

        Assert.Equal(24.98m, Assert.IsType<PaymentState.Refunded>(entity.State).Amount);
        Assert.Equal([PaymentId], _gateway.Refunded);
        await charged.Given(PaymentRefunded.Name, refund)
            .When(RefundPayment.Name, new RefundPayment.Command("again")).ThenNothing();
    }

    [Fact]
    public async Task A_failed_payment_has_nothing_to_refund() =>
        await Requested().Given(PaymentFailed.Name, new PaymentFailed.Data(24.98m, "EUR", "card declined"))
            .When(RefundPayment.Name, new RefundPayment.Command("payment failed")).ThenNothing();

    [Theory]
    [InlineData("0", "EUR", "tok", "amount")]
    [InlineData("1.001", "EUR", "tok", "amount")]
    [InlineData("1", "eur", "tok", "currency")]
    [InlineData("1", "EUR", "", "paymentToken")]
    public async Task A_malformed_request_is_refused_with_the_field_named(string amount, string currency, string token, string field)
    {
        var error = await Order().When(RequestPayment.Name, new RequestPayment.Command(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, token))
            .ThenFails<CommandValidationFailed>();
        Assert.Equal([field], error.Errors.Select(e => e.Field));
    }
}
