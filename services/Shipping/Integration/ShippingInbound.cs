using WeeEvents.Contracts;
using WeeEvents.Messaging;
using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Commands;
using Inventory = WeeEvents.Contracts.Inventory;
using Order = WeeEvents.Contracts.Order;
using Payment = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Shipping.Integration;

/// <summary>What each contract the Shipping service consumes asks of the shipment: its routes, and the pure mappings they run.</summary>
public static class ShippingInbound
{
    /// <summary>The Shipping service's routes: note the address, schedule on payment, cancel on any other ending.</summary>
    public static MessageRoutes Routes { get; } = MessageRoutes.Empty
        .On<Order.OrderPlaced>("shipping.note-address", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)))
        .On<Order.ShippingAddressChanged>("shipping.change-address", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)))
        .On<Payment.PaymentSucceeded>("shipping.schedule", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)))
        .On<Payment.PaymentRefunded>("shipping.cancel-on-refund", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)))
        .On<Order.OrderCancelled>("shipping.cancel-on-cancellation", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)))
        .On<Inventory.StockReservationFailed>("shipping.cancel-on-rejection", m => m.ExecuteAsync(ShippingService.Description, From(m.Message)));

    /// <summary><c>OrderPlaced</c> → <c>note-address</c>.</summary>
    public static KeyedCommand<NoteAddress.Command> From(Order.OrderPlaced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var a = message.ShippingAddress;
        return new(message.OrderId, NoteAddress.Name, new NoteAddress.Command(ToAddress(a), message.Total, message.Currency, message.CustomerId));
    }

    /// <summary><c>ShippingAddressChanged</c> → <c>change-address</c>.</summary>
    public static KeyedCommand<ChangeAddress.Command> From(Order.ShippingAddressChanged message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, ChangeAddress.Name, new ChangeAddress.Command(ToAddress(message.ShippingAddress), message.CustomerId));
    }

    /// <summary><c>PaymentSucceeded</c> → <c>schedule-shipment</c> with what it says was charged, to check against the order's total.</summary>
    public static KeyedCommand<ScheduleShipment.Command> From(Payment.PaymentSucceeded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, ScheduleShipment.Name, new ScheduleShipment.Command(message.Amount, message.Currency));
    }

    /// <summary><c>PaymentRefunded</c> → <c>cancel-shipment</c>.</summary>
    public static KeyedCommand<CancelShipment.Command> From(Payment.PaymentRefunded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, CancelShipment.Name, new CancelShipment.Command("payment refunded"));
    }

    /// <summary><c>OrderCancelled</c> → <c>cancel-shipment</c>.</summary>
    public static KeyedCommand<CancelShipment.Command> From(Order.OrderCancelled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, CancelShipment.Name, new CancelShipment.Command(ContractLimits.Reason($"order cancelled: {message.Reason}")));
    }

    /// <summary><c>StockReservationFailed</c> → <c>cancel-shipment</c>: the order was rejected.</summary>
    public static KeyedCommand<CancelShipment.Command> From(Inventory.StockReservationFailed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OrderId, CancelShipment.Name, new CancelShipment.Command($"order rejected: {message.Reason ?? "out-of-stock"}"));
    }

    private static Address ToAddress(Order.ShippingAddress a) => new(a.Name, a.Line1, a.City, a.PostalCode, a.Country, a.Line2);
}
