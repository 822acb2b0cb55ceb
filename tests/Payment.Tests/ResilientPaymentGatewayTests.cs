using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Payment.Tests;

/// <summary>Payment's gateway behind a timeout and a circuit breaker.</summary>
public sealed class ResilientPaymentGatewayTests
{
    private static readonly PaymentGatewayOptions Options = new()
    {
        Timeout = TimeSpan.FromMilliseconds(20),
        MinimumThroughput = 3,
        FailureRatio = 0.5,
        BreakDuration = TimeSpan.FromMinutes(1),
    };

    private static ChargeRequest Charge(string key, string token = "tok_visa") => new(key, 10m, "EUR", token);

    [Fact]
    public async Task A_charge_the_gateway_does_not_answer_in_time_is_unanswered()
    {
        var gateway = new ResilientPaymentGateway(new Hanging(), Options);

        await Assert.ThrowsAsync<PaymentGatewayUnanswered>(() => gateway.ChargeAsync(Charge("payment.p-1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task After_enough_timeouts_the_circuit_opens_and_charges_are_unanswered_without_calling_the_gateway()
    {
        var hanging = new Hanging();
        var gateway = new ResilientPaymentGateway(hanging, Options);
        for (var i = 0; i < Options.MinimumThroughput; i++)
        {
            await Assert.ThrowsAsync<PaymentGatewayUnanswered>(() => gateway.ChargeAsync(Charge($"payment.p-{i}"), TestContext.Current.CancellationToken));
        }

        var calls = hanging.Calls;
        await Assert.ThrowsAsync<PaymentGatewayUnanswered>(() => gateway.ChargeAsync(Charge("payment.next"), TestContext.Current.CancellationToken));

        Assert.Equal(calls, hanging.Calls);
    }

    [Fact]
    public async Task A_lookup_or_refund_not_answered_in_time_is_unavailable_so_it_is_retried()
    {
        var gateway = new ResilientPaymentGateway(new Hanging(), Options);

        await Assert.ThrowsAsync<PaymentGatewayUnavailable>(() => gateway.FindChargeAsync("payment.p-1", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<PaymentGatewayUnavailable>(() => gateway.RefundAsync(new RefundRequest("payment.p-1", "txn", 10m, "EUR"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failure_the_gateway_reports_itself_passes_through_and_never_opens_the_circuit()
    {
        var simulated = new SimulatedPaymentGateway();
        var gateway = new ResilientPaymentGateway(simulated, Options);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<PaymentGatewayUnavailable>(() => gateway.ChargeAsync(Charge($"payment.f-{i}", SimulatedPaymentGateway.FlakyToken), TestContext.Current.CancellationToken));
        }

        Assert.IsType<ChargeOutcome.Approved>(await gateway.ChargeAsync(Charge("payment.f-0", SimulatedPaymentGateway.FlakyToken), TestContext.Current.CancellationToken));
    }

    /// <summary>A gateway that never answers, not even to cancellation.</summary>
    private sealed class Hanging : IPaymentGateway
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) => Never<ChargeOutcome>();

        public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) => Never<RecordedCharge?>();

        public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken) => Never<string>();

        private Task<T> Never<T>()
        {
            Interlocked.Increment(ref _calls);
            return new TaskCompletionSource<T>().Task;
        }
    }
}
