using System.Text.Json.Serialization;

namespace WeeEvents.Services.Order.Domain;

/// <summary>
/// An order: placed → stock-reserved → paid → completed, or rejected (no stock), or cancelled (payment
/// failed or cancel-order before payment). Completed, rejected and cancelled are terminal.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(Placed), "placed")]
[JsonDerivedType(typeof(StockReserved), "stock-reserved")]
[JsonDerivedType(typeof(Paid), "paid")]
[JsonDerivedType(typeof(Completed), "completed")]
[JsonDerivedType(typeof(Rejected), "rejected")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
public abstract record OrderState
{
    private OrderState()
    {
    }

    /// <summary>No order yet.</summary>
    public sealed record Uninitialized : OrderState;

    /// <summary>Placed; Inventory is reserving its lines.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount to charge.</param>
    /// <param name="PlacedAt">When.</param>
    public sealed record Placed(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt) : OrderState;

    /// <summary>Every line is reserved; Payment is charging.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount to charge.</param>
    /// <param name="PlacedAt">When it was placed.</param>
    public sealed record StockReserved(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt) : OrderState;

    /// <summary>Charged; Shipping is scheduling. It can no longer be cancelled.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount charged.</param>
    /// <param name="PlacedAt">When it was placed.</param>
    /// <param name="PaymentId">The payment.</param>
    /// <param name="TransactionId">The gateway's reference.</param>
    public sealed record Paid(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt, string PaymentId, string TransactionId) : OrderState;

    /// <summary>Paid and handed to a carrier. Terminal.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount charged.</param>
    /// <param name="PlacedAt">When it was placed.</param>
    /// <param name="Carrier">Who carries it.</param>
    /// <param name="TrackingNumber">The carrier's tracking number.</param>
    public sealed record Completed(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt, string Carrier, string TrackingNumber) : OrderState;

    /// <summary>Refused for lack of stock; nothing is held or charged. Terminal.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount it would have cost.</param>
    /// <param name="PlacedAt">When it was placed.</param>
    /// <param name="Reason">Why.</param>
    public sealed record Rejected(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt, string Reason) : OrderState;

    /// <summary>Cancelled before payment, or because payment failed; stock is released and any charge refunded. Terminal.</summary>
    /// <param name="Order">What was ordered.</param>
    /// <param name="Total">The amount it would have cost.</param>
    /// <param name="PlacedAt">When it was placed.</param>
    /// <param name="Reason">Why.</param>
    public sealed record Cancelled(OrderDetails Order, decimal Total, DateTimeOffset PlacedAt, string Reason) : OrderState;

    /// <summary>The state's name, as in its JSON <c>status</c>.</summary>
    [JsonIgnore]
    public string Name => StateNames<OrderState>.Of(this);

    /// <summary>What was ordered; null before the order is placed.</summary>
    [JsonIgnore]
    public OrderDetails? Details => this switch
    {
        Placed s => s.Order,
        StockReserved s => s.Order,
        Paid s => s.Order,
        Completed s => s.Order,
        Rejected s => s.Order,
        Cancelled s => s.Order,
        _ => null,
    };

    /// <summary>True for completed, rejected and cancelled: the order never changes again.</summary>
    [JsonIgnore]
    public bool IsTerminal => this is Completed or Rejected or Cancelled;
}
