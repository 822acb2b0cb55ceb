using Microsoft.Extensions.Options;
using WeeEvents.Services.Order.Deadlines;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

/// <summary>What the operator is told is coming for an order: its deadline while it is open, nothing once it has ended.</summary>
public sealed class OrderDeadlinesTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_order_shows_its_deadline_and_an_ended_or_unknown_one_shows_none()
    {
        var orders = OrderService.Description.CreateService(new InMemoryEventStore());
        var open = await orders.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id("o-open"), Place(), Callers.AsService, _ct);
        await orders.ExecuteAsync(PlaceOrder.Name, OrderService.Description.Id("o-ended"), Place(), Callers.AsService, _ct);
        await orders.ExecuteAsync(CancelOrder.Name, OrderService.Description.Id("o-ended"), new CancelOrder.Command("changed my mind"), Callers.AsService, _ct);
        var deadlines = new OrderDeadlines(orders, Options.Create(new OrderDeadlineOptions { Deadline = TimeSpan.FromMinutes(30) }));

        var coming = await deadlines.DeadlinesAsync(["o-open", "o-ended", "not-an-order"], _ct);

        var deadline = Assert.Single(coming);
        Assert.Equal("order.o-open", deadline.Aggregate);
        Assert.Equal(((OrderState.Placed)open.State).PlacedAt + TimeSpan.FromMinutes(30), deadline.DueAt);
        Assert.Contains("cancelled by the deadline watch", deadline.What, StringComparison.Ordinal);
    }
}
