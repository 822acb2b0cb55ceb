using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class OrderLifecycleTests
{
    private static readonly MarkPaid.Command Paying = new("payment.o-1", 24.98m, "txn-1", "EUR");
    private static readonly CompleteOrder.Command Shipping = new("Royal Mail", "RM1");

    [Fact]
    public async Task Reserved_stock_moves_a_placed_order_on()
    {
        var entity = await Placed().When(MarkStockReserved.Name, new MarkStockReserved.Command())
            .Then(OrderStockReserved.Name, new OrderStockReserved.Data());
        Assert.Equal("stock-reserved", entity.State.Name);
    }

    [Fact]
    public async Task Reserved_stock_records_the_total_at_catalogue_prices_as_the_amount_to_charge()
    {
        var entity = await Placed().When(MarkStockReserved.Name, new MarkStockReserved.Command(24.98m, "EUR"))
            .Then(OrderStockReserved.Name, new OrderStockReserved.Data(24.98m, "EUR"));
        Assert.Equal(24.98m, Assert.IsType<OrderState.StockReserved>(entity.State).Total);
    }

    [Theory]
    [InlineData(0.01, "EUR")]
    [InlineData(24.98, "GBP")]
    public async Task A_payment_of_another_amount_or_currency_than_the_order_expects_is_refused_and_the_order_stays_unpaid(decimal amount, string currency)
    {
        var error = await StockReserved().When(MarkPaid.Name, Paying with { Amount = amount, Currency = currency }).ThenFails<PaymentDoesNotMatch>();
        Assert.Contains("expects a payment of 24.98 EUR", error.Message, StringComparison.Ordinal);
        Assert.Equal("stock-reserved", error.State);
    }

    [Fact]
    public async Task A_payment_is_checked_against_the_catalogue_total_recorded_at_reservation()
    {
        var reserved = Placed().Given(OrderStockReserved.Name, new OrderStockReserved.Data(30m, "EUR"));
        await reserved.When(MarkPaid.Name, Paying).ThenFails<PaymentDoesNotMatch>();
        await Placed().Given(OrderStockReserved.Name, new OrderStockReserved.Data(30m, "EUR"))
            .When(MarkPaid.Name, Paying with { Amount = 30m }).Then(OrderPaid.Name, new OrderPaid.Data("payment.o-1", 30m, "txn-1"));
    }

    [Fact]
    public async Task A_payment_that_overtakes_the_reservation_is_checked_against_the_orders_own_total() =>
        await Placed().When(MarkPaid.Name, Paying with { Amount = 1m }).ThenFails<PaymentDoesNotMatch>();

    [Fact]
    public async Task A_payment_marks_a_stock_reserved_order_paid()
    {
        var entity = await StockReserved().When(MarkPaid.Name, Paying)
            .Then(OrderPaid.Name, new OrderPaid.Data("payment.o-1", 24.98m, "txn-1"));
        var paid = Assert.IsType<OrderState.Paid>(entity.State);
        Assert.Equal("txn-1", paid.TransactionId);
    }

    [Fact]
    public async Task A_scheduled_shipment_completes_a_paid_order()
    {
        var entity = await Paid().When(CompleteOrder.Name, Shipping)
            .Then(OrderCompleted.Name, new OrderCompleted.Data("Royal Mail", "RM1"));
        var completed = Assert.IsType<OrderState.Completed>(entity.State);
        Assert.Equal("RM1", completed.TrackingNumber);
        Assert.True(entity.State.IsTerminal);
    }

    [Fact]
    public async Task A_failed_reservation_rejects_a_placed_order()
    {
        var entity = await Placed().When(RejectOrder.Name, new RejectOrder.Command("sku-1: 2 requested, 0 available"))
            .Then(OrderRejected.Name, new OrderRejected.Data("sku-1: 2 requested, 0 available"));
        Assert.Equal("rejected", entity.State.Name);
    }

    [Fact]
    public async Task Commands_from_other_services_need_a_placed_order()
    {
        var error = await New().When(MarkStockReserved.Name, new MarkStockReserved.Command()).ThenFails<OrderNotPlaced>();
        Assert.Equal("mark-stock-reserved", error.Operation);
        Assert.Equal("uninitialized", error.State);
    }

    [Fact]
    public async Task Repeated_news_records_nothing()
    {
        await StockReserved().When(MarkStockReserved.Name, new MarkStockReserved.Command()).ThenNothing();
        await Paid().When(MarkPaid.Name, Paying).ThenNothing();
        await Completed().When(CompleteOrder.Name, Shipping).ThenNothing();
        await Rejected().When(RejectOrder.Name, new RejectOrder.Command("again")).ThenNothing();
    }

    [Fact]
    public async Task A_payment_that_overtakes_the_reservation_marks_the_order_paid()
    {
        var entity = await Placed().When(MarkPaid.Name, Paying).Then(OrderPaid.Name, new OrderPaid.Data("payment.o-1", 24.98m, "txn-1"));
        Assert.Equal("paid", entity.State.Name);
    }

    [Fact]
    public async Task A_reservation_that_arrives_after_the_payment_changes_nothing()
    {
        var entity = await Placed().Given(OrderPaid.Name, PaymentData).When(MarkStockReserved.Name, new MarkStockReserved.Command()).ThenNothing();
        Assert.Equal("paid", entity.State.Name);
    }

    [Theory]
    [InlineData("placed")]
    [InlineData("stock-reserved")]
    public async Task A_shipment_that_overtakes_the_payment_completes_the_order(string state)
    {
        var entity = await In(state).When(CompleteOrder.Name, Shipping).Then(OrderCompleted.Name, new OrderCompleted.Data("Royal Mail", "RM1"));
        Assert.Equal("completed", entity.State.Name);
        await In(state).Given(OrderCompleted.Name, new OrderCompleted.Data("Royal Mail", "RM1")).When(MarkPaid.Name, Paying).ThenNothing();
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    public async Task A_terminal_order_never_changes(string state)
    {
        var given = In(state);
        var before = await given.When(MarkStockReserved.Name, new MarkStockReserved.Command()).ThenNothing();
        Assert.Equal(state, before.State.Name);
        Assert.Equal(state, (await given.When(MarkPaid.Name, Paying).ThenNothing()).State.Name);
        Assert.Equal(state, (await given.When(CompleteOrder.Name, Shipping).ThenNothing()).State.Name);
        Assert.Equal(state, (await given.When(RejectOrder.Name, new RejectOrder.Command("late")).ThenNothing()).State.Name);
    }

    [Fact]
    public async Task A_payment_for_a_cancelled_order_leaves_it_cancelled_for_payment_to_refund()
    {
        var entity = await Cancelled().When(MarkPaid.Name, Paying).ThenNothing();
        Assert.IsType<OrderState.Cancelled>(entity.State);
    }
}
