using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class PlacingAnOrderTests
{
    [Fact]
    public async Task A_new_order_is_placed_with_its_total()
    {
        var command = Place();
        var entity = await New().When(PlaceOrder.Name, command)
            .Then(OrderPlaced.Name, new OrderPlaced.Data(command.ToDetails(), 24.98m));

        var placed = Assert.IsType<OrderState.Placed>(entity.State);
        Assert.Equal(24.98m, placed.Total);
        Assert.Equal("placed", entity.State.Name);
    }

    [Fact]
    public async Task Placing_the_same_order_again_is_a_no_op()
    {
        var entity = await Placed().When(PlaceOrder.Name, Place()).ThenNothing();
        Assert.IsType<OrderState.Placed>(entity.State);
    }

    [Fact]
    public async Task The_same_order_again_is_a_no_op_even_with_prices_written_differently()
    {
        var first = Place(new OrderLine("sku-1", 1, 9.9m));
        await Placed(first).When(PlaceOrder.Name, Place(new OrderLine("sku-1", 1, 9.90m))).ThenNothing();
    }

    [Fact]
    public async Task The_same_order_again_after_it_moved_on_is_still_a_no_op()
    {
        var entity = await Paid().When(PlaceOrder.Name, Place()).ThenNothing();
        Assert.IsType<OrderState.Paid>(entity.State);
    }

    [Fact]
    public async Task The_same_order_id_with_other_lines_is_refused()
    {
        var error = await Placed().When(PlaceOrder.Name, Place(new OrderLine("sku-9", 1, 1m))).ThenFails<OrderAlreadyPlaced>();
        Assert.Equal("placed", error.State);
        Assert.Equal("place-order", error.Operation);
        Assert.Equal("order-already-placed", error.Rule);
    }

    [Fact]
    public async Task The_same_order_id_with_another_payment_token_is_refused() =>
        await Placed().When(PlaceOrder.Name, Place() with { PaymentToken = "tok_other" }).ThenFails<OrderAlreadyPlaced>();

    [Fact]
    public async Task The_same_order_id_with_another_address_is_refused() =>
        await Placed().When(PlaceOrder.Name, Place() with { ShippingAddress = Address with { City = "Paris" } }).ThenFails<OrderAlreadyPlaced>();

    [Fact]
    public async Task A_terminal_order_id_cannot_be_reused_for_a_new_order() =>
        await Cancelled().When(PlaceOrder.Name, Place() with { CustomerId = "c-2" }).ThenFails<OrderAlreadyPlaced>();
}
