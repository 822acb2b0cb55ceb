using WeeEvents.Protection;

namespace WeeEvents.Services.Payment.Domain.Events;

/// <summary>The order was placed: its total is to be charged once its stock is reserved.</summary>
public static class PaymentRequested
{
    /// <summary>The event type name.</summary>
    public const string Name = "payment-requested";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount, string Currency, [property: Sensitive, PersonalData] string PaymentToken, [property: DataSubject] string? CustomerId = null);
}

/// <summary>The order's stock was reserved before the order itself was heard of.</summary>
public static class StockReservationNoted
{
    /// <summary>The event type name.</summary>
    public const string Name = "stock-reservation-noted";

    /// <summary>The data: the total to charge at catalogue prices, when the reservation carried one.</summary>
    public sealed record Data(decimal? Amount = null, string? Currency = null);
}

/// <summary>The gateway charged the order.</summary>
public static class PaymentSucceeded
{
    /// <summary>The event type name.</summary>
    public const string Name = "payment-succeeded";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount, string Currency, string TransactionId);
}

/// <summary>The gateway declined the charge.</summary>
public static class PaymentFailed
{
    /// <summary>The reason of a charge the gateway did not answer in time: declined rather than left open.</summary>
    public const string GatewayUnavailable = "payment gateway unavailable";

    /// <summary>The event type name.</summary>
    public const string Name = "payment-failed";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount, string Currency, string Reason);
}

/// <summary>The charge of a cancelled order was given back (made before the cancellation, or in flight during it).</summary>
public static class PaymentRefunded
{
    /// <summary>The event type name.</summary>
    public const string Name = "payment-refunded";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount, string Currency, string TransactionId, string RefundId);
}

/// <summary>The order was cancelled before any charge.</summary>
public static class PaymentCancelled
{
    /// <summary>The event type name.</summary>
    public const string Name = "payment-cancelled";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}
