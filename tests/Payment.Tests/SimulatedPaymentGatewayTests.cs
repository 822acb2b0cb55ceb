using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Payment.Tests;

public class SimulatedPaymentGatewayTests
{
    private readonly SimulatedPaymentGateway _gateway = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_is_charged_once_and_answered_with_the_first_outcome()
    {
        var first = await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_visa"), _ct);
        var second = await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_visa"), _ct);

        Assert.Equal(first, second);
        Assert.Single(_gateway.Charged);
    }

    [Fact]
    public async Task Concurrent_attempts_with_one_key_charge_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_visa"), _ct), _ct)));
        Assert.Single(outcomes.Distinct());
        Assert.Single(_gateway.Charged);
    }

    [Fact]
    public async Task The_flaky_token_fails_once_per_key_then_succeeds()
    {
        await Assert.ThrowsAsync<PaymentGatewayUnavailable>(() => _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_flaky"), _ct));
        Assert.IsType<ChargeOutcome.Approved>(await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_flaky"), _ct));
        await Assert.ThrowsAsync<PaymentGatewayUnavailable>(() => _gateway.ChargeAsync(new ChargeRequest("payment.o-2", 10m, "EUR", "tok_flaky"), _ct));
    }

    [Fact]
    public async Task The_decline_token_is_declined_every_time()
    {
        Assert.IsType<ChargeOutcome.Declined>(await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_decline"), _ct));
        Assert.IsType<ChargeOutcome.Declined>(await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_decline"), _ct));
        Assert.Empty(_gateway.Charged);
    }

    [Fact]
    public async Task A_charge_is_found_by_its_key_with_what_was_asked_and_decided_and_finding_charges_nothing()
    {
        Assert.Null(await _gateway.FindChargeAsync("payment.o-1", _ct));
        var approved = await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_visa"), _ct);
        var declined = await _gateway.ChargeAsync(new ChargeRequest("payment.o-2", 5m, "GBP", "tok_decline"), _ct);

        Assert.Equal(new RecordedCharge("payment.o-1", 10m, "EUR", approved), await _gateway.FindChargeAsync("payment.o-1", _ct));
        Assert.Equal(new RecordedCharge("payment.o-2", 5m, "GBP", declined), await _gateway.FindChargeAsync("payment.o-2", _ct));
        Assert.Null(await _gateway.FindChargeAsync("payment.o-3", _ct));
        Assert.Equal(["payment.o-1"], _gateway.Charged.Keys);
    }

    [Fact]
    public async Task A_refund_is_made_once_per_key_and_only_for_a_charge()
    {
        var approved = Assert.IsType<ChargeOutcome.Approved>(await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 10m, "EUR", "tok_visa"), _ct));
        var first = await _gateway.RefundAsync(new RefundRequest("payment.o-1", approved.TransactionId, 10m, "EUR"), _ct);
        var second = await _gateway.RefundAsync(new RefundRequest("payment.o-1", approved.TransactionId, 10m, "EUR"), _ct);

        Assert.Equal(first, second);
        Assert.Single(_gateway.Refunded);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _gateway.RefundAsync(new RefundRequest("payment.o-2", "txn-x", 10m, "EUR"), _ct));
    }
}
