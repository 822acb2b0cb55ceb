namespace WeeEvents.Services.Order.Domain.Events;

/// <summary>A customer placed the order.</summary>
public static class OrderPlaced
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-placed";

    /// <summary>The data: the whole order, and its total as computed when it was placed.</summary>
    public sealed record Data(OrderDetails Order, decimal Total);
}

/// <summary>Inventory reserved every line.</summary>
public static class OrderStockReserved
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-stock-reserved";

    /// <summary>The data: the total at catalogue prices, the amount to charge (absent from an Inventory that kept no prices).</summary>
    public sealed record Data(decimal? Total = null, string? Currency = null);
}

/// <summary>Inventory could not reserve the order: rejected.</summary>
public static class OrderRejected
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-rejected";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}

/// <summary>Payment charged the order.</summary>
public static class OrderPaid
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-paid";

    /// <summary>The data.</summary>
    public sealed record Data(string PaymentId, decimal Amount, string TransactionId);
}

/// <summary>Shipping scheduled the order's shipment: completed.</summary>
public static class OrderCompleted
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-completed";

    /// <summary>The data.</summary>
    public sealed record Data(string Carrier, string TrackingNumber);
}

/// <summary>The order was cancelled: by the customer before payment, or because payment failed.</summary>
public static class OrderCancelled
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-cancelled";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}
