using System.Text.Json.Serialization;

namespace WeeEvents.Services.Payment.Domain;

/// <summary>
/// The payment of one order (keyed by order id): requested when the order is placed, charged once its
/// stock is reserved; succeeded or failed; a succeeded payment of a cancelled order is refunded; a
/// payment cancelled before its charge is never charged, and a charge already in flight then is refunded.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(AwaitingOrder), "awaiting-order")]
[JsonDerivedType(typeof(Requested), "requested")]
[JsonDerivedType(typeof(Succeeded), "succeeded")]
[JsonDerivedType(typeof(Failed), "failed")]
[JsonDerivedType(typeof(Refunded), "refunded")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
public abstract record PaymentState
{
    private PaymentState()
    {
    }

    /// <summary>
    /// The customer whose order this payment is for, as <c>payment-requested</c> recorded it. The entity's owner under its access rule: that customer reads it, nobody else but staff; null until the
    /// service hears whose it is (such an entity only staff read).
    /// </summary>
    public string? CustomerId { get; init; }

    /// <summary>Nothing heard yet.</summary>
    public sealed record Uninitialized : PaymentState;

    /// <summary>The stock was reserved before the order itself was heard of: charge as soon as it is.</summary>
    /// <param name="Amount">The total to charge at catalogue prices, when the reservation carried one.</param>
    /// <param name="Currency">Its currency.</param>
    public sealed record AwaitingOrder(decimal? Amount = null, string? Currency = null) : PaymentState;

    /// <summary>The order is placed; the charge waits for its stock to be reserved.</summary>
    /// <param name="Amount">The order's total.</param>
    /// <param name="Currency">ISO 4217 currency.</param>
    /// <param name="PaymentToken">The customer's payment method token.</param>
    public sealed record Requested(decimal Amount, string Currency, [property: Sensitive] string PaymentToken) : PaymentState;

    /// <summary>Charged.</summary>
    /// <param name="Amount">What was charged.</param>
    /// <param name="Currency">ISO 4217 currency.</param>
    /// <param name="TransactionId">The gateway's reference.</param>
    public sealed record Succeeded(decimal Amount, string Currency, string TransactionId) : PaymentState;

    /// <summary>Declined; nothing was taken. Terminal.</summary>
    /// <param name="Amount">What was asked for.</param>
    /// <param name="Currency">ISO 4217 currency.</param>
    /// <param name="Reason">The gateway's reason.</param>
    public sealed record Failed(decimal Amount, string Currency, string Reason) : PaymentState;

    /// <summary>
    /// Charged, then given back because the order was cancelled: after the charge, or while the charge was at
    /// the gateway (then it follows <see cref="Cancelled"/>). Terminal.
    /// </summary>
    /// <param name="Amount">What was refunded.</param>
    /// <param name="Currency">ISO 4217 currency.</param>
    /// <param name="TransactionId">The charge.</param>
    /// <param name="RefundId">The gateway's refund reference.</param>
    public sealed record Refunded(decimal Amount, string Currency, string TransactionId, string RefundId) : PaymentState;

    /// <summary>
    /// The order was cancelled before its charge was recorded: no charge will be made. If one was already at the
    /// gateway and went through, it is refunded (→ <see cref="Refunded"/>); otherwise terminal.
    /// </summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Amount">The order's total, when known.</param>
    /// <param name="Currency">Its currency, when known.</param>
    public sealed record Cancelled(string Reason, decimal? Amount = null, string? Currency = null) : PaymentState;

    /// <summary>The state's name, as in its JSON <c>status</c>.</summary>
    [JsonIgnore]
    public string Name => StateNames<PaymentState>.Of(this);
}
