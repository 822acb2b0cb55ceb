using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Events;
using Wire = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Order.Integration;

/// <summary>The contracts the Order service publishes, mapped from its recorded events. Pure functions.</summary>
public static class OrderIntegration
{
    /// <summary>What the Order service publishes: one contract for each outcome of an order's life.</summary>
    public static OutboxMapper Outbound { get; } = OutboxMapper.Empty
        .Map<OrderPlaced.Data, Wire.OrderPlaced>(OrderPlaced.Name, ToContract)
        .Map<OrderCancelled.Data, Wire.OrderCancelled>(OrderCancelled.Name, ToContract)
        .Map<OrderCompleted.Data, Wire.OrderCompleted>(OrderCompleted.Name, ToContract)
        .Map<OrderRejected.Data, Wire.OrderRejected>(OrderRejected.Name, ToContract)
        .Map<ChangeShippingAddress.Changed, Wire.ShippingAddressChanged>(ChangeShippingAddress.EventName, ToContract);

    /// <summary><c>order-placed</c> → <see cref="Wire.OrderPlaced"/>.</summary>
    public static Wire.OrderPlaced ToContract(RecordedEvent<OrderPlaced.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var order = recorded.Data.Order;
        return new Wire.OrderPlaced(
            recorded.Aggregate.Key,
            order.CustomerId,
            order.Currency,
            order.Lines.Select(l => new Wire.OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToArray(),
            recorded.Data.Total,
            ToContract(order.ShippingAddress),
            order.PaymentToken,
            recorded.Timestamp);
    }

    /// <summary><c>order-cancelled</c> → <see cref="Wire.OrderCancelled"/>.</summary>
    public static Wire.OrderCancelled ToContract(RecordedEvent<OrderCancelled.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.OrderCancelled(recorded.Aggregate.Key, recorded.Data.Reason, recorded.Timestamp);
    }

    /// <summary><c>order-completed</c> → <see cref="Wire.OrderCompleted"/>.</summary>
    public static Wire.OrderCompleted ToContract(RecordedEvent<OrderCompleted.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.OrderCompleted(recorded.Aggregate.Key, recorded.Data.Carrier, recorded.Data.TrackingNumber, recorded.Timestamp);
    }

    /// <summary><c>order-rejected</c> → <see cref="Wire.OrderRejected"/>.</summary>
    public static Wire.OrderRejected ToContract(RecordedEvent<OrderRejected.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.OrderRejected(recorded.Aggregate.Key, recorded.Data.Reason, recorded.Timestamp);
    }

    /// <summary><c>shipping-address-changed</c> → <see cref="Wire.ShippingAddressChanged"/>.</summary>
    public static Wire.ShippingAddressChanged ToContract(RecordedEvent<ChangeShippingAddress.Changed> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.ShippingAddressChanged(recorded.Aggregate.Key, recorded.Data.CustomerId, ToContract(recorded.Data.ShippingAddress), recorded.Timestamp);
    }

    private static Wire.ShippingAddress ToContract(ShippingAddress a) =>
        new(a.Name, a.Line1, a.City, a.PostalCode, a.Country, a.Line2);
}
