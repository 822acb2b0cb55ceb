namespace WeeEvents.Services.Payment.Gateway;

/// <summary>A charge to make.</summary>
/// <param name="IdempotencyKey">The payment id: the gateway charges a key at most once and answers repeats with the first outcome.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="PaymentToken">The customer's payment method token.</param>
public sealed record ChargeRequest(string IdempotencyKey, decimal Amount, string Currency, string PaymentToken);

/// <summary>What the gateway decided about a charge.</summary>
public abstract record ChargeOutcome
{
    private ChargeOutcome()
    {
    }

    /// <summary>Charged.</summary>
    /// <param name="TransactionId">The gateway's reference.</param>
    public sealed record Approved(string TransactionId) : ChargeOutcome;

    /// <summary>Refused for good; nothing was taken.</summary>
    /// <param name="Reason">Why, in words.</param>
    public sealed record Declined(string Reason) : ChargeOutcome;
}

/// <summary>A charge the gateway has decided, as it recorded it under its idempotency key.</summary>
/// <param name="IdempotencyKey">The payment id.</param>
/// <param name="Amount">The amount asked for.</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="Outcome">What the gateway decided.</param>
public sealed record RecordedCharge(string IdempotencyKey, decimal Amount, string Currency, ChargeOutcome Outcome);

/// <summary>A refund to make.</summary>
/// <param name="IdempotencyKey">The payment id: refunded at most once.</param>
/// <param name="TransactionId">The charge to refund.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">ISO 4217 currency.</param>
public sealed record RefundRequest(string IdempotencyKey, string TransactionId, decimal Amount, string Currency);

/// <summary>
/// The payment provider. Calls carry the payment id as their idempotency key, so a retry (after a lost
/// response, a redelivered message or a lost revision race) never charges or refunds twice.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges, or returns the outcome of the earlier charge with the same key.</summary>
    /// <exception cref="PaymentGatewayUnavailable">A transient failure: retry later with the same key.</exception>
    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The charge decided under <paramref name="idempotencyKey"/>, or null when none was: asks without charging,
    /// so a payment cancelled while its charge was in flight can learn whether the money was taken.
    /// </summary>
    /// <exception cref="PaymentGatewayUnavailable">A transient failure: retry later.</exception>
    Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Refunds, or returns the refund id of the earlier refund with the same key.</summary>
    /// <returns>The gateway's refund reference.</returns>
    /// <exception cref="PaymentGatewayUnavailable">A transient failure: retry later with the same key.</exception>
    Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}

/// <summary>The gateway could not be reached or failed transiently; nothing was decided. Retrying is safe.</summary>
public sealed class PaymentGatewayUnavailable : Exception
{
    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnavailable(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnavailable()
    {
    }

    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnavailable(string message, Exception inner)
        : base(message, inner)
    {
    }
}
