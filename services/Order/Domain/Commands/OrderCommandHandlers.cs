using WeeEvents.Contracts;
using WeeEvents.Services.Order.Domain.Events;

namespace WeeEvents.Services.Order.Domain.Commands;

/// <summary>
/// The business rules of an order. Commands from other services' events are idempotent and tolerate
/// reordering: a repeat, or news that arrives after a later step, records nothing.
/// </summary>
public static class OrderCommandHandlers
{
    /// <summary>A new order is placed; the same order again is a no-op; other content under the same id is refused.</summary>
    public static Task Place(IPublisher publisher, Entity<OrderState> entity, PlaceOrder.Command command, CancellationToken cancellationToken)
    {
        var details = command.ToDetails();
        switch (entity.State)
        {
            case OrderState.Uninitialized:
                publisher.Publish(OrderPlaced.Name, new OrderPlaced.Data(details, details.Total));
                break;
            case { Details: { } existing } when existing.SameAs(details):
                break; // a client retrying the same request
            default:
                throw new OrderAlreadyPlaced(entity.Aggregate, entity.State);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stock reserved moves a placed order on and records the catalogue total it was reserved at (the amount the order
    /// then expects to be paid); anything later already implies it.
    /// </summary>
    public static Task MarkStockReserved(IPublisher publisher, Entity<OrderState> entity, MarkStockReserved.Command command, CancellationToken cancellationToken)
    {
        if (RequirePlaced(entity, Commands.MarkStockReserved.Name) is OrderState.Placed)
        {
            publisher.Publish(OrderStockReserved.Name, new OrderStockReserved.Data(command.Total, command.Currency));
        }

        return Task.CompletedTask;
    }

    /// <summary>A placed order without stock is rejected; nothing else changes (a reservation is decided once).</summary>
    public static Task Reject(IPublisher publisher, Entity<OrderState> entity, RejectOrder.Command command, CancellationToken cancellationToken)
    {
        if (RequirePlaced(entity, RejectOrder.Name) is OrderState.Placed)
        {
            publisher.Publish(OrderRejected.Name, new OrderRejected.Data(command.Reason));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A payment marks a placed or stock-reserved order paid (it may overtake <c>StockReserved</c>), but only for the
    /// amount and currency the order expects: the total at catalogue prices recorded at <c>mark-stock-reserved</c>, or
    /// the order's own total before that (Inventory refuses an order quoting other prices, so the two agree). Any other
    /// amount is refused with <see cref="PaymentDoesNotMatch"/>. A cancelled order stays cancelled: Payment refunds it
    /// when it hears the cancellation.
    /// </summary>
    public static Task MarkPaid(IPublisher publisher, Entity<OrderState> entity, MarkPaid.Command command, CancellationToken cancellationToken)
    {
        var expected = RequirePlaced(entity, Commands.MarkPaid.Name) switch
        {
            OrderState.Placed p => new Money(p.Total, p.Order.Currency),
            OrderState.StockReserved s => new Money(s.Total, s.Order.Currency),
            _ => null,
        };
        if (expected is not null)
        {
            var paid = new Money(command.Amount, command.Currency);
            if (!Money.Settles(paid, expected))
            {
                throw new PaymentDoesNotMatch(entity.Aggregate, entity.State, expected, paid);
            }

            publisher.Publish(OrderPaid.Name, new OrderPaid.Data(command.PaymentId, command.Amount, command.TransactionId));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A scheduled shipment completes the order. It implies payment, so it may overtake <c>PaymentSucceeded</c>.
    /// A cancelled order stays cancelled: Shipping cancels the shipment when it hears the refund.
    /// </summary>
    public static Task Complete(IPublisher publisher, Entity<OrderState> entity, CompleteOrder.Command command, CancellationToken cancellationToken)
    {
        if (RequirePlaced(entity, CompleteOrder.Name) is OrderState.Placed or OrderState.StockReserved or OrderState.Paid)
        {
            publisher.Publish(OrderCompleted.Name, new OrderCompleted.Data(command.Carrier, command.TrackingNumber));
        }

        return Task.CompletedTask;
    }

    /// <summary>An order not yet paid is cancelled; cancelling again is a no-op; a paid or closed order refuses.</summary>
    public static Task Cancel(IPublisher publisher, Entity<OrderState> entity, CancelOrder.Command command, CancellationToken cancellationToken)
    {
        switch (RequirePlaced(entity, CancelOrder.Name))
        {
            case OrderState.Placed or OrderState.StockReserved:
                publisher.Publish(OrderCancelled.Name, new OrderCancelled.Data(string.IsNullOrWhiteSpace(command.Reason) ? "cancelled" : command.Reason));
                break;
            case OrderState.Cancelled:
                break;
            default:
                throw new OrderCannotBeCancelled(entity.Aggregate, entity.State);
        }

        return Task.CompletedTask;
    }

    /// <summary>The order's state; <see cref="OrderNotPlaced"/> for an order never placed.</summary>
    internal static OrderState RequirePlaced(Entity<OrderState> entity, string operation) =>
        entity.State is OrderState.Uninitialized ? throw new OrderNotPlaced(entity.Aggregate, operation) : entity.State;
}
