using System.Collections.Concurrent;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The simulated gateway (the one a Payment service runs without a real one), plus a token a test can hold:
/// a charge with <see cref="HoldToken"/> waits inside the gateway until the test releases it, as a slow card
/// network would, so a test can act while the money is being taken.
/// </summary>
public sealed class HoldingPaymentGateway : IPaymentGateway
{
    public const string HoldToken = "tok_hold";

    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    /// <summary>What decides and records the outcomes.</summary>
    public SimulatedPaymentGateway Simulated { get; } = new();

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PaymentToken != HoldToken)
        {
            return await Simulated.ChargeAsync(request, cancellationToken);
        }

        var hold = HoldFor(request.IdempotencyKey);
        hold.Entered.TrySetResult();
        await hold.Released.Task.WaitAsync(cancellationToken);
        return await Simulated.ChargeAsync(request with { PaymentToken = "tok_visa" }, cancellationToken);
    }

    public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Simulated.FindChargeAsync(idempotencyKey, cancellationToken);

    public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        Simulated.RefundAsync(request, cancellationToken);

    /// <summary>Completes when a charge under <paramref name="paymentId"/> is waiting in the gateway.</summary>
    public Task ChargeStarted(string paymentId) => HoldFor(paymentId).Entered.Task;

    /// <summary>Lets the held charge under <paramref name="paymentId"/> go through (approved).</summary>
    public void Release(string paymentId) => HoldFor(paymentId).Released.TrySetResult();

    private Hold HoldFor(string paymentId) => _holds.GetOrAdd(paymentId, _ => new Hold());

    private sealed class Hold
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
