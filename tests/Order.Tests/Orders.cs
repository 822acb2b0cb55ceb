using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Order.Tests;

/// <summary>Shared givens for order specifications.</summary>
internal static class Orders
{
    public static readonly ShippingAddress Address = new("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB");

    public static PlaceOrder.Command Place(params OrderLine[] lines) =>
        new("c-1", "EUR", lines.Length == 0 ? [new OrderLine("sku-1", 2, 9.99m), new OrderLine("sku-2", 1, 5m)] : lines, Address, "tok_visa");

    public static OrderDetails Details(PlaceOrder.Command command) => command.ToDetails();

    public static ScenarioGiven<OrderState> New() => Scenario.For(OrderService.Description, "o-1");

    public static ScenarioGiven<OrderState> Placed(PlaceOrder.Command? command = null)
    {
        var c = command ?? Place();
        return New().Given(OrderPlaced.Name, new OrderPlaced.Data(c.ToDetails(), c.ToDetails().Total));
    }

    public static ScenarioGiven<OrderState> StockReserved() => Placed().Given(OrderStockReserved.Name, new OrderStockReserved.Data());

    public static ScenarioGiven<OrderState> Paid() => StockReserved().Given(OrderPaid.Name, PaymentData);

    public static ScenarioGiven<OrderState> Completed() => Paid().Given(OrderCompleted.Name, new OrderCompleted.Data("Royal Mail", "RM1"));

    public static ScenarioGiven<OrderState> Rejected() => Placed().Given(OrderRejected.Name, new OrderRejected.Data("out of stock"));

    public static ScenarioGiven<OrderState> Cancelled() => Placed().Given(OrderCancelled.Name, new OrderCancelled.Data("changed my mind"));

    public static readonly OrderPaid.Data PaymentData = new("payment.o-1", 24.98m, "txn-1");

    public static ScenarioGiven<OrderState> In(string state) => state switch
    {
        "placed" => Placed(),
        "stock-reserved" => StockReserved(),
        "paid" => Paid(),
        "completed" => Completed(),
        "rejected" => Rejected(),
        "cancelled" => Cancelled(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
