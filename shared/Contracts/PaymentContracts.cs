using System.Text.Json.Serialization;
using MassTransit;

namespace WeeEvents.Contracts.Payment;

/// <summary>The order's total was charged. Inventory commits the stock, Shipping schedules, Order is paid.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="PaymentId">The payment (also the gateway's idempotency key).</param>
/// <param name="Amount">What was charged.</param>
/// <param name="Currency">The ISO 4217 currency.</param>
/// <param name="TransactionId">The gateway's reference for the charge.</param>
/// <param name="SucceededAt">When.</param>
[MessageUrn("weeevents:payment:payment-succeeded:v1")]
public sealed record PaymentSucceeded(string OrderId, string PaymentId, decimal Amount, string Currency, string TransactionId, DateTimeOffset SucceededAt)
{
    /// <summary><see cref="Amount"/> in <see cref="Currency"/>: what was charged. Not a field of its own on the wire.</summary>
    [JsonIgnore]
    public Money Paid => new(Amount, Currency);
}

/// <summary>The charge was declined: nothing was taken. Inventory releases; Order is cancelled.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="PaymentId">The payment.</param>
/// <param name="Reason">The gateway's reason, in words.</param>
/// <param name="FailedAt">When.</param>
[MessageUrn("weeevents:payment:payment-failed:v1")]
public sealed record PaymentFailed(string OrderId, string PaymentId, string Reason, DateTimeOffset FailedAt);

/// <summary>A charged order was cancelled and its money given back. Shipping cancels a shipment it scheduled.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="PaymentId">The payment.</param>
/// <param name="Amount">What was refunded (the whole charge).</param>
/// <param name="Currency">The ISO 4217 currency.</param>
/// <param name="RefundedAt">When.</param>
[MessageUrn("weeevents:payment:payment-refunded:v1")]
public sealed record PaymentRefunded(string OrderId, string PaymentId, decimal Amount, string Currency, DateTimeOffset RefundedAt)
{
    /// <summary><see cref="Amount"/> in <see cref="Currency"/>: what was given back. Not a field of its own on the wire.</summary>
    [JsonIgnore]
    public Money Refunded => new(Amount, Currency);
}
