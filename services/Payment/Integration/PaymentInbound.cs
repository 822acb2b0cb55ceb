using WeeEvents.Services.Payment.Domain.Commands;
using Inventory = WeeEvents.Contracts.Inventory;
using Order = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Payment.Integration;

/// <summary>What each contract the Payment service consumes asks of the payment. Pure functions.</summary>
public static class PaymentInbound
{
    /// <summary><c>OrderPlaced</c> → <c>request-payment</c> for the order's total.</summary>
    public static KeyedCommand<RequestPayment.Command> From(Order.OrderPlaced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RequestPayment.Name, new RequestPayment.Command(message.Total, message.Currency, message.PaymentToken));
    }

    /// <summary><c>StockReserved</c> → <c>charge-payment</c>.</summary>
    public static KeyedCommand<ChargePayment.Command> From(Inventory.StockReserved message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, ChargePayment.Name, new ChargePayment.Command());
    }

    /// <summary><c>OrderCancelled</c> → <c>refund-payment</c> (refunds a charge, or makes sure none is made).</summary>
    public static KeyedCommand<RefundPayment.Command> From(Order.OrderCancelled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RefundPayment.Name, new RefundPayment.Command($"order cancelled: {message.Reason}"));
    }

    /// <summary><c>StockReservationFailed</c> → <c>refund-payment</c>: the order was rejected, so it is never charged.</summary>
    public static KeyedCommand<RefundPayment.Command> From(Inventory.StockReservationFailed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, RefundPayment.Name, new RefundPayment.Command("order rejected: not enough stock"));
    }
}
