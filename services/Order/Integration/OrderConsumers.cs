using WeeEvents.MassTransit.Consumers;
using Inventory = WeeEvents.Contracts.Inventory;
using Payment = WeeEvents.Contracts.Payment;
using Shipping = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Order.Integration;

// One consumer per message, each running the order command its message maps to (OrderInbound) inside one unit
// of work with its inbox row. Inbox names are stable on purpose: they key what was handled.

/// <summary>Inventory held the stock: the order moves to stock-reserved.</summary>
public sealed class MarkOrderStockReserved(InboxProcessor inbox) : DeduplicatingConsumer<Inventory.StockReserved>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "order.mark-stock-reserved";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Inventory.StockReserved> message) => message.ExecuteAsync(OrderService.Description, OrderInbound.From(message.Message));
}

/// <summary>Inventory could not hold the stock: the order is rejected.</summary>
public sealed class RejectOrderOnShortage(InboxProcessor inbox) : DeduplicatingConsumer<Inventory.StockReservationFailed>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "order.reject-on-shortage";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Inventory.StockReservationFailed> message) => message.ExecuteAsync(OrderService.Description, OrderInbound.From(message.Message));
}

/// <summary>The payment succeeded: the order is paid.</summary>
public sealed class MarkOrderPaid(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentSucceeded>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "order.mark-paid";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentSucceeded> message) => message.ExecuteAsync(OrderService.Description, OrderInbound.From(message.Message));
}

/// <summary>The payment failed: the order is cancelled.</summary>
public sealed class CancelOrderOnPaymentFailure(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentFailed>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "order.cancel-on-payment-failure";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentFailed> message) => message.ExecuteAsync(OrderService.Description, OrderInbound.From(message.Message));
}

/// <summary>The shipment is scheduled: the order is completed.</summary>
public sealed class CompleteOrderOnShipment(InboxProcessor inbox) : DeduplicatingConsumer<Shipping.ShipmentScheduled>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "order.complete-on-shipment";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Shipping.ShipmentScheduled> message) => message.ExecuteAsync(OrderService.Description, OrderInbound.From(message.Message));
}
