using WeeEvents.Contracts;
using WeeEvents.Messaging;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Commands;
using Inventory = WeeEvents.Contracts.Inventory;
using Order = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Payment.Integration;

/// <summary>What each contract the Payment service consumes asks of the payment: its routes, and the pure mappings they run.</summary>
public static class PaymentInbound
{
    /// <summary>
    /// The Payment service's routes on <paramref name="payments"/> (the description carries the gateway). The charge
    /// waits on the gateway, so it does not take turns with its order's other messages: a slow charge must not hold up
    /// its own order's cancellation, which the gateway may be waiting for.
    /// </summary>
    public static MessageRoutes Routes(ServiceDescription<PaymentState> payments) => MessageRoutes.Empty
        .On<Order.OrderPlaced>("payment.request", m => m.ExecuteAsync(payments, From(m.Message)))
        .On<Inventory.StockReserved>("payment.charge", m => m.ExecuteAsync(payments, From(m.Message)), RouteTurn.OutOfTurn)
        .On<Order.OrderCancelled>("payment.refund-on-cancellation", m => m.ExecuteAsync(payments, From(m.Message)))
        .On<Inventory.StockReservationFailed>("payment.void-on-rejection", m => m.ExecuteAsync(payments, From(m.Message)));

    /// <summary><c>OrderPlaced</c> → <c>request-payment</c> for the order's total.</summary>
    public static KeyedCommand<RequestPayment.Command> From(Order.OrderPlaced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RequestPayment.Name, new RequestPayment.Command(message.Total, message.Currency, message.PaymentToken, message.CustomerId));
    }

    /// <summary>
    /// <c>StockReserved</c> → <c>charge-payment</c> for its catalogue total; for the order's own total when it carries
    /// none (an Inventory of 0.12.0 or earlier).
    /// </summary>
    public static KeyedCommand<ChargePayment.Command> From(Inventory.StockReserved message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var command = message.Due is { } due ? new ChargePayment.Command(due.Amount, due.Currency) : new ChargePayment.Command();
        return new(message.OrderId, ChargePayment.Name, command);
    }

    /// <summary><c>OrderCancelled</c> → <c>refund-payment</c> (refunds a charge, or makes sure none is made).</summary>
    public static KeyedCommand<RefundPayment.Command> From(Order.OrderCancelled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RefundPayment.Name, new RefundPayment.Command(ContractLimits.Reason($"order cancelled: {message.Reason}")));
    }

    /// <summary><c>StockReservationFailed</c> → <c>refund-payment</c>: the order was rejected, so it is never charged.</summary>
    public static KeyedCommand<RefundPayment.Command> From(Inventory.StockReservationFailed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RefundPayment.Name, new RefundPayment.Command($"order rejected: {message.Reason ?? "out-of-stock"}"));
    }
}
