namespace WeeEvents.Services.Payment.Domain;

/// <summary>The payment was already requested for a different amount or currency: an order's total never changes.</summary>
public sealed class PaymentRequestMismatch(AggregateId payment, PaymentState state)
    : DomainRuleViolation(payment, state.Name, "request-payment", $"Payment {payment.Key} was already requested with another amount or currency.");
