using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

/// <summary>The customer owns the order: the access rule the description states, as the service enforces it.</summary>
public class CustomerOwnershipTests
{
    private static readonly Caller Customer = new Caller.Client("c-1", new HashSet<string>());
    private static readonly Caller Stranger = new Caller.Client("c-2", new HashSet<string>());
    private static readonly Caller Operator = new Caller.Client("ops", new HashSet<string> { "operator" });
    private readonly IService<OrderState> _orders = OrderService.Description.CreateService(new InMemoryEventStore());
    private readonly AggregateId _id = OrderService.Description.Id("o-1");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private Task<Entity<OrderState>> Run<T>(string command, T payload, Caller caller) =>
        _orders.ExecuteAsync(command, _id, payload, new CommandOptions { Caller = caller }, _ct);

    [Fact]
    public async Task A_customer_places_and_cancels_their_own_order()
    {
        await Run(PlaceOrder.Name, Place(), Customer);
        var entity = await Run(CancelOrder.Name, new CancelOrder.Command("changed my mind"), Customer);
        Assert.IsType<OrderState.Cancelled>(entity.State);
        Assert.True(OrderService.Access.MayRead(Customer, entity.State));
    }

    [Fact]
    public async Task A_customer_cannot_order_for_someone_else_nor_cancel_or_read_their_order()
    {
        var denied = await Assert.ThrowsAsync<AccessDenied>(() => Run(PlaceOrder.Name, Place(), Stranger));
        Assert.Equal(("place-order", "c-2"), (denied.Operation, denied.Subject));

        var placed = await Run(PlaceOrder.Name, Place(), Customer);
        await Assert.ThrowsAsync<AccessDenied>(() => Run(CancelOrder.Name, new CancelOrder.Command("not mine"), Stranger));
        await Assert.ThrowsAsync<AccessDenied>(() => Run(PlaceOrder.Name, Place() with { CustomerId = "c-2" }, Stranger));
        Assert.False(OrderService.Access.MayRead(Stranger, placed.State));
        Assert.IsType<OrderState.Placed>((await _orders.LoadAsync(_id, _ct)).State);
    }

    [Fact]
    public async Task An_operator_and_the_service_itself_act_on_any_order()
    {
        await Run(PlaceOrder.Name, Place(), Operator);
        Assert.True(OrderService.Access.MayRead(Operator, (await _orders.LoadAsync(_id, _ct)).State));
        var entity = await Run(CancelOrder.Name, new CancelOrder.Command("payment failed"), new Caller.Service("order"));
        Assert.IsType<OrderState.Cancelled>(entity.State);
    }
}
