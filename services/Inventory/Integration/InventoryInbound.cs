using WeeEvents.Contracts;
using WeeEvents.Messaging;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Reservations;
using Order = WeeEvents.Contracts.Order;
using Payment = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Inventory.Integration;

/// <summary>
/// The Inventory service's routes. Each works on an order's reservation across its SKUs (<see cref="OrderStockReservations"/>)
/// inside one unit of work with its inbox row, so every SKU's change and the reservation's answer commit together.
/// </summary>
public static class InventoryInbound
{
    /// <summary>Reserve on placing (at catalogue prices, checked against the prices the order quotes), commit on payment, release on a failed payment or a cancellation.</summary>
    public static MessageRoutes Routes { get; } = MessageRoutes.Empty
        .On<Order.OrderPlaced>("inventory.reserve-stock", m => OrderStockReservations.On(m).ReserveAsync(
            m.Message.OrderId, m.Message.Currency, m.Message.Lines.Select(l => new OrderedLine(l.Sku, l.Quantity, l.UnitPrice)), m.Message.CustomerId, m.CancellationToken))
        .On<Payment.PaymentSucceeded>("inventory.commit-stock", m => OrderStockReservations.On(m).CommitAsync(
            m.Message.OrderId, m.Message.Paid, m.CancellationToken))
        .On<Payment.PaymentFailed>("inventory.release-on-payment-failure", m => OrderStockReservations.On(m).ReleaseAsync(
            m.Message.OrderId, ContractLimits.Reason("payment failed: " + m.Message.Reason), m.CancellationToken))
        .On<Order.OrderCancelled>("inventory.release-on-cancellation", m => OrderStockReservations.On(m).ReleaseAsync(
            m.Message.OrderId, ContractLimits.Reason("order cancelled: " + m.Message.Reason), m.CancellationToken));
}
