using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class CancellingAnOrderTests
{
    [Theory]
    [InlineData("placed")]
    [InlineData("stock-reserved")]
    public async Task An_order_not_yet_paid_can_be_cancelled(string state)
    {
        var entity = await In(state).When(CancelOrder.Name, new CancelOrder.Command("changed my mind"))
            .Then(OrderCancelled.Name, new OrderCancelled.Data("changed my mind"));
        var cancelled = Assert.IsType<OrderState.Cancelled>(entity.State);
        Assert.Equal("changed my mind", cancelled.Reason);
    }

    [Fact]
    public async Task A_cancellation_without_a_reason_says_cancelled() =>
        await Placed().When(CancelOrder.Name, new CancelOrder.Command()).Then(OrderCancelled.Name, new OrderCancelled.Data("cancelled"));

    [Theory]
    [InlineData("paid")]
    [InlineData("completed")]
    [InlineData("rejected")]
    public async Task A_paid_or_closed_order_cannot_be_cancelled(string state)
    {
        var error = await In(state).When(CancelOrder.Name, new CancelOrder.Command("too late")).ThenFails<OrderCannotBeCancelled>();
        Assert.Equal(state, error.State);
        Assert.Equal("cancel-order", error.Operation);
    }

    [Fact]
    public async Task Cancelling_twice_is_a_no_op() =>
        await Cancelled().When(CancelOrder.Name, new CancelOrder.Command("again")).ThenNothing();

    [Fact]
    public async Task An_order_never_placed_cannot_be_cancelled() =>
        await New().When(CancelOrder.Name, new CancelOrder.Command()).ThenFails<OrderNotPlaced>();

    [Fact]
    public async Task A_reason_longer_than_200_characters_is_refused()
    {
        var error = await Placed().When(CancelOrder.Name, new CancelOrder.Command(new string('x', 201))).ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == "reason");
    }
}
