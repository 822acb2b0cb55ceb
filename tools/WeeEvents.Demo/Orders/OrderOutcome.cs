using WeeEvents.Services.Order.Domain;

namespace WeeEvents.Demo.Orders;

/// <summary>The terminal states of an order.</summary>
public enum OrderOutcome
{
    /// <summary>Paid and shipped.</summary>
    Completed,

    /// <summary>Refused for lack of stock or an unknown SKU.</summary>
    Rejected,

    /// <summary>Payment failed, or the customer cancelled before payment.</summary>
    Cancelled,
}

/// <summary>Where an order ended and why, in the words of the report.</summary>
/// <param name="Outcome">The terminal state.</param>
/// <param name="Reason">A short reason: the report groups by it.</param>
public sealed record OrderEnd(OrderOutcome Outcome, string Reason)
{
    /// <summary>The end of a terminal order; null while the order can still change.</summary>
    public static OrderEnd? Of(OrderState state) => state switch
    {
        OrderState.Completed => new(OrderOutcome.Completed, "paid and shipped"),
        OrderState.Rejected r => new(OrderOutcome.Rejected, r.Reason.Contains("unknown SKU", StringComparison.OrdinalIgnoreCase) ? "unknown SKU" : "not enough stock"),
        OrderState.Cancelled c => new(OrderOutcome.Cancelled, c.Reason.StartsWith("payment failed", StringComparison.OrdinalIgnoreCase) ? "payment declined" : "cancelled by customer"),
        _ => null,
    };
}
