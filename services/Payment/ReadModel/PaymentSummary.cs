namespace WeeEvents.Services.Payment.ReadModel;

/// <summary>One order's payment as the read side keeps it (never its payment token).</summary>
public sealed class PaymentSummary
{
    /// <summary>The payment's key: the order's id (the <c>{id}</c> of <c>/payment/{id}</c>).</summary>
    public required string PaymentId { get; set; }

    /// <summary>The payment's status, as in its state's <c>status</c>.</summary>
    public required string Status { get; set; }

    /// <summary>The amount requested, charged or refunded (0 until requested).</summary>
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 (empty until requested).</summary>
    public required string Currency { get; set; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The customer whose order it is: who besides operators sees the row; null until the payment is requested.</summary>
    public string? CustomerId { get; set; }
}
