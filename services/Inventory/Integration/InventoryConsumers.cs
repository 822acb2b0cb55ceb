using WeeEvents.MassTransit.Consumers;
using WeeEvents.Services.Inventory.Reservations;
using Order = WeeEvents.Contracts.Order;
using Payment = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Inventory.Integration;

// One consumer per message. Each works on an order's reservation across its SKUs (OrderStockReservations) inside
// one unit of work with its inbox row, so every SKU's change and the reservation's answer commit together.

/// <summary>An order was placed: hold all of its lines, or none.</summary>
public sealed class ReserveStockForOrder(InboxProcessor inbox) : DeduplicatingConsumer<Order.OrderPlaced>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "inventory.reserve-stock";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderPlaced> message) =>
        message.Reservations().ReserveAsync(
            message.Message.OrderId,
            message.Message.Lines.Select(l => new ReservationLine(l.Sku, l.Quantity)),
            message.CommandOptions,
            message.CancellationToken);
}

/// <summary>The order was paid: its held stock is committed.</summary>
public sealed class CommitStockForPaidOrder(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentSucceeded>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "inventory.commit-stock";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentSucceeded> message) =>
        message.Reservations().CommitAsync(message.Message.OrderId, message.CommandOptions, message.CancellationToken);
}

/// <summary>The payment failed: what was held goes back.</summary>
public sealed class ReleaseStockOnPaymentFailure(InboxProcessor inbox) : DeduplicatingConsumer<Payment.PaymentFailed>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "inventory.release-on-payment-failure";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Payment.PaymentFailed> message) =>
        message.Reservations().ReleaseAsync(message.Message.OrderId, "payment failed: " + message.Message.Reason, message.CommandOptions, message.CancellationToken);
}

/// <summary>The order was cancelled: what was held (or committed) goes back.</summary>
public sealed class ReleaseStockOnCancellation(InboxProcessor inbox) : DeduplicatingConsumer<Order.OrderCancelled>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "inventory.release-on-cancellation";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderCancelled> message) =>
        message.Reservations().ReleaseAsync(message.Message.OrderId, "order cancelled: " + message.Message.Reason, message.CommandOptions, message.CancellationToken);
}

internal static class InventoryMessageHandling
{
    // Conflict retries are off inside a unit of work: the transaction is spoilt by then, so the whole message is retried.
    private static readonly ServiceOptions InUnitOfWork = new() { MaxConflictRetries = 0 };

    public static OrderStockReservations Reservations<TMessage>(this MessageHandling<TMessage> message)
        where TMessage : class => OrderStockReservations.On(message.UnitOfWork.Events, InUnitOfWork);
}
