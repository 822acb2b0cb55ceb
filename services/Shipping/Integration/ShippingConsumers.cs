using WeeEvents.MassTransit.Consumers;
using Inventory = WeeEvents.Contracts.Inventory;
using Order = WeeEvents.Contracts.Order;
using Payment = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Shipping.Integration;

// One consumer per message, each running the shipment command its message maps to (ShippingInbound) inside one
// unit of work with its inbox row.

/// <summary>An order was placed: its shipping address is noted for when it is paid.</summary>
public sealed class NoteShippingAddress(InboxProcessor inbox) : DeduplicatingConsumer<Order.OrderPlaced>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "shipping.note-address";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderPlaced> message) => message.ExecuteAsync(ShippingService.Description, ShippingInbound.From(message.Message));
}

/// <summary>The order was paid: its shipment is scheduled (once the address is known).</summary>
public sealed class ScheduleShipmentForPaidOrder(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentSucceeded>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "shipping.schedule";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentSucceeded> message) => message.ExecuteAsync(ShippingService.Description, ShippingInbound.From(message.Message));
}

/// <summary>The payment was refunded: the shipment is cancelled.</summary>
public sealed class CancelShipmentOnRefund(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentRefunded>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "shipping.cancel-on-refund";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentRefunded> message) => message.ExecuteAsync(ShippingService.Description, ShippingInbound.From(message.Message));
}

/// <summary>The order was cancelled: the shipment is cancelled.</summary>
public sealed class CancelShipmentOnCancellation(InboxProcessor inbox) : DeduplicatingConsumer<Order.OrderCancelled>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "shipping.cancel-on-cancellation";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderCancelled> message) => message.ExecuteAsync(ShippingService.Description, ShippingInbound.From(message.Message));
}

/// <summary>The order was rejected for want of stock: the shipment is cancelled.</summary>
public sealed class CancelShipmentOnRejection(InboxProcessor inbox) : DeduplicatingConsumer<Inventory.StockReservationFailed>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "shipping.cancel-on-rejection";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Inventory.StockReservationFailed> message) => message.ExecuteAsync(ShippingService.Description, ShippingInbound.From(message.Message));
}
