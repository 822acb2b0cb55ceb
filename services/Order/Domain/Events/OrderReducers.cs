namespace WeeEvents.Services.Order.Domain.Events;

/// <summary>How each event changes an order. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class OrderReducers
{
    /// <summary>uninitialized → placed.</summary>
    public static OrderState Placed(OrderState state, RecordedEvent<OrderPlaced.Data> e) =>
        state is OrderState.Uninitialized ? new OrderState.Placed(e.Data.Order, e.Data.Total, e.Timestamp) : state;

    /// <summary>placed → stock-reserved; the total becomes the catalogue total Inventory reserved at, when it said.</summary>
    public static OrderState StockReserved(OrderState state, RecordedEvent<OrderStockReserved.Data> e) =>
        state is OrderState.Placed p ? new OrderState.StockReserved(p.Order, e.Data.Total ?? p.Total, p.PlacedAt) : state;

    /// <summary>placed → rejected.</summary>
    public static OrderState Rejected(OrderState state, RecordedEvent<OrderRejected.Data> e) =>
        state is OrderState.Placed p ? new OrderState.Rejected(p.Order, p.Total, p.PlacedAt, e.Data.Reason) : state;

    /// <summary>placed or stock-reserved → paid.</summary>
    public static OrderState Paid(OrderState state, RecordedEvent<OrderPaid.Data> e) => state switch
    {
        OrderState.Placed p => new OrderState.Paid(p.Order, p.Total, p.PlacedAt, e.Data.PaymentId, e.Data.TransactionId),
        OrderState.StockReserved s => new OrderState.Paid(s.Order, s.Total, s.PlacedAt, e.Data.PaymentId, e.Data.TransactionId),
        _ => state,
    };

    /// <summary>placed, stock-reserved or paid → completed.</summary>
    public static OrderState Completed(OrderState state, RecordedEvent<OrderCompleted.Data> e) => state switch
    {
        OrderState.Placed p => new OrderState.Completed(p.Order, p.Total, p.PlacedAt, e.Data.Carrier, e.Data.TrackingNumber),
        OrderState.StockReserved s => new OrderState.Completed(s.Order, s.Total, s.PlacedAt, e.Data.Carrier, e.Data.TrackingNumber),
        OrderState.Paid p => new OrderState.Completed(p.Order, p.Total, p.PlacedAt, e.Data.Carrier, e.Data.TrackingNumber),
        _ => state,
    };

    /// <summary>placed or stock-reserved → cancelled.</summary>
    public static OrderState Cancelled(OrderState state, RecordedEvent<OrderCancelled.Data> e) => state switch
    {
        OrderState.Placed p => new OrderState.Cancelled(p.Order, p.Total, p.PlacedAt, e.Data.Reason),
        OrderState.StockReserved s => new OrderState.Cancelled(s.Order, s.Total, s.PlacedAt, e.Data.Reason),
        _ => state,
    };
}
