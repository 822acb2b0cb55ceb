using WeeEvents.Contracts;
using WeeEvents.Messaging;
using WeeEvents.Services.Order.Domain.Commands;
using Inventory = WeeEvents.Contracts.Inventory;
using Payment = WeeEvents.Contracts.Payment;
using Shipping = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Order.Integration;

/// <summary>What each contract the Order service consumes asks of the order: its routes, and the pure mappings they run.</summary>
public static class OrderInbound
{
    /// <summary>The Order service's routes: orders move along as the other services report.</summary>
    public static MessageRoutes Routes { get; } = MessageRoutes.Empty
        .On<Inventory.StockReserved>("order.mark-stock-reserved", m => m.ExecuteAsync(OrderService.Description, From(m.Message)))
        .On<Inventory.StockReservationFailed>("order.reject-on-shortage", m => m.ExecuteAsync(OrderService.Description, From(m.Message)))
        .On<Payment.PaymentSucceeded>("order.mark-paid", m => m.ExecuteAsync(OrderService.Description, From(m.Message)))
        .On<Payment.PaymentFailed>("order.cancel-on-payment-failure", m => m.ExecuteAsync(OrderService.Description, From(m.Message)))
        .On<Shipping.ShipmentScheduled>("order.complete-on-shipment", m => m.ExecuteAsync(OrderService.Description, From(m.Message)));

    /// <summary><c>StockReserved</c> → <c>mark-stock-reserved</c>, with the catalogue total when it carries one.</summary>
    public static KeyedCommand<MarkStockReserved.Command> From(Inventory.StockReserved message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, MarkStockReserved.Name, new MarkStockReserved.Command(message.Total, message.Currency));
    }

    /// <summary>
    /// <c>StockReservationFailed</c> → <c>reject-order</c>, with the reason code first (<c>price-changed: sku-1 costs
    /// 10.99 EUR, not 9.99 EUR</c>); a failure from an Inventory of 0.12.0 or earlier names every short line.
    /// </summary>
    public static KeyedCommand<RejectOrder.Command> From(Inventory.StockReservationFailed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var detail = message.Detail ?? string.Join("; ", message.Shortages.Select(s => s.Known
            ? $"{s.Sku}: {s.Requested} requested, {s.Available} available"
            : $"{s.Sku}: unknown SKU"));
        var reason = message.Reason is null or "out-of-stock" ? $"Not enough stock: {detail}" : $"{message.Reason}: {detail}";
        return new(message.OrderId, RejectOrder.Name, new RejectOrder.Command(ContractLimits.Reason(reason)));
    }


    /// <summary><c>PaymentSucceeded</c> → <c>mark-paid</c>, with the amount and currency the order checks against what it expects.</summary>
    public static KeyedCommand<MarkPaid.Command> From(Payment.PaymentSucceeded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, MarkPaid.Name, new MarkPaid.Command(message.PaymentId, message.Amount, message.TransactionId, message.Currency));
    }

    /// <summary><c>PaymentFailed</c> → <c>cancel-order</c> with the gateway's reason.</summary>
    public static KeyedCommand<CancelOrder.Command> From(Payment.PaymentFailed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, CancelOrder.Name, new CancelOrder.Command(ContractLimits.Reason($"payment failed: {message.Reason}")));
    }

    /// <summary><c>ShipmentScheduled</c> → <c>complete-order</c>.</summary>
    public static KeyedCommand<CompleteOrder.Command> From(Shipping.ShipmentScheduled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, CompleteOrder.Name, new CompleteOrder.Command(message.Carrier, message.TrackingNumber));
    }
}
