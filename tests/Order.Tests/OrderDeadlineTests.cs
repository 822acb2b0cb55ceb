using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class OrderDeadlineTests
{
    private static readonly DateTimeOffset DueAt = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("placed")]
    [InlineData("stock-reserved")]
    public async Task An_order_still_waiting_for_stock_or_payment_at_its_deadline_is_cancelled_saying_why(string state)
    {
        var entity = await In(state).When(PassDeadline.Name, new PassDeadline.Command(DueAt)).Then(
            DomainEvent.Create(OrderDeadlinePassed.Name, new OrderDeadlinePassed.Data(DueAt)),
            DomainEvent.Create(OrderCancelled.Name, new OrderCancelled.Data(PassDeadline.Reason)));
        Assert.Equal(PassDeadline.Reason, Assert.IsType<OrderState.Cancelled>(entity.State).Reason);
    }

    [Theory]
    [InlineData("paid")]
    [InlineData("completed")]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    public async Task A_paid_or_ended_order_is_left_as_it_is(string state) =>
        await In(state).When(PassDeadline.Name, new PassDeadline.Command(DueAt)).ThenNothing();

    [Fact]
    public async Task Passing_the_deadline_twice_cancels_once() =>
        await Placed()
            .Given(OrderDeadlinePassed.Name, new OrderDeadlinePassed.Data(DueAt))
            .Given(OrderCancelled.Name, new OrderCancelled.Data(PassDeadline.Reason))
            .When(PassDeadline.Name, new PassDeadline.Command(DueAt)).ThenNothing();
}
