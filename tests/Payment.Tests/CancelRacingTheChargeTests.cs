using System.Text.Json;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Payment.Tests;

/// <summary>
/// The race itself, through the payment service: refund-payment commits while charge-payment waits at the gateway;
/// the charge goes through, its append loses the revision race, and its re-run must give the money back.
/// </summary>
public class CancelRacingTheChargeTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly InMemoryEventStore _store = new();
    private readonly HeldGateway _gateway = new();

    [Fact]
    public async Task A_cancel_committed_while_the_card_is_charged_ends_refunded_with_the_money_given_back()
    {
        var description = PaymentService.Description(_gateway);
        var service = description.CreateService(_store);
        var id = description.Id("o-1");
        await service.ExecuteAsync(RequestPayment.Name, id, Json(new RequestPayment.Command(24.98m, "EUR", "tok_visa")), Callers.AsService, _ct);

        var charge = service.ExecuteAsync(ChargePayment.Name, id, Json(new ChargePayment.Command()), Callers.AsService, _ct);
        await _gateway.ChargeEntered.Task.WaitAsync(TimeSpan.FromSeconds(10), _ct);
        var cancelled = await service.ExecuteAsync(RefundPayment.Name, id, Json(new RefundPayment.Command("changed my mind")), Callers.AsService, _ct);
        Assert.IsType<PaymentState.Cancelled>(cancelled.State);
        _gateway.Release.TrySetResult();
        var settled = await charge.WaitAsync(TimeSpan.FromSeconds(10), _ct);

        Assert.Equal(new PaymentState.Refunded(24.98m, "EUR", "txn-payment.o-1", "rfd-payment.o-1"), settled.State);
        var events = await _store.LoadAsync(id, cancellationToken: _ct);
        Assert.Equal([PaymentRequested.Name, PaymentCancelled.Name, PaymentRefunded.Name], events.Select(e => e.Type));
        Assert.Equal(["payment.o-1"], _gateway.Simulated.Charged.Keys);
        Assert.Equal(["payment.o-1"], _gateway.Simulated.Refunded);
    }

    [Fact]
    public async Task Settles_racing_each_other_record_one_refund()
    {
        var description = PaymentService.Description(_gateway);
        var service = description.CreateService(_store);
        var id = description.Id("o-1");
        await service.ExecuteAsync(RequestPayment.Name, id, Json(new RequestPayment.Command(24.98m, "EUR", "tok_visa")), Callers.AsService, _ct);
        await service.ExecuteAsync(RefundPayment.Name, id, Json(new RefundPayment.Command("changed my mind")), Callers.AsService, _ct);
        _gateway.Release.TrySetResult();
        await _gateway.ChargeAsync(new ChargeRequest("payment.o-1", 24.98m, "EUR", "tok_visa"), _ct);

        // A redelivered charge, the charge's own retry and a repeated cancellation, all at once.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            () => i % 2 == 0
                ? service.ExecuteAsync(ChargePayment.Name, id, Json(new ChargePayment.Command()), Callers.AsService, _ct)
                : service.ExecuteAsync(RefundPayment.Name, id, Json(new RefundPayment.Command("again")), Callers.AsService, _ct),
            _ct)));

        var events = await _store.LoadAsync(id, cancellationToken: _ct);
        Assert.Single(events, e => e.Type == PaymentRefunded.Name);
        Assert.IsType<PaymentState.Refunded>((await service.LoadAsync(id, _ct)).State);
    }

    private static JsonElement Json<T>(T payload) => JsonSerializer.SerializeToElement(payload, WeeEventsJson.Options);

    /// <summary>The simulated gateway, whose charges wait until the test releases them, as a slow card network would.</summary>
    private sealed class HeldGateway : IPaymentGateway
    {
        public SimulatedPaymentGateway Simulated { get; } = new();

        public TaskCompletionSource ChargeEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            ChargeEntered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await Simulated.ChargeAsync(request, cancellationToken);
        }

        public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            Simulated.FindChargeAsync(idempotencyKey, cancellationToken);

        public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
            Simulated.RefundAsync(request, cancellationToken);
    }
}
