using WeeEvents.Services.Order.Domain;
using static WeeEvents.Services.Order.Tests.Orders;

namespace WeeEvents.Services.Order.Tests;

public class ChangingTheShippingAddressTests
{
    private static readonly ShippingAddress NewAddress = new("Ada Lovelace", "2 Side St", "London", "N1 9GV", "GB", "Flat 3");

    [Theory]
    [InlineData("placed")]
    [InlineData("stock-reserved")]
    [InlineData("paid")]
    [InlineData("completed")]
    public async Task An_order_that_can_still_ship_takes_the_new_address_and_keeps_its_status(string state)
    {
        var entity = await In(state).When(ChangeShippingAddress.Name, new ChangeShippingAddress.Command(NewAddress))
            .Then(ChangeShippingAddress.EventName, new ChangeShippingAddress.Changed(Place().CustomerId, NewAddress));
        Assert.Equal(state, entity.State.Name);
        Assert.Equal(NewAddress, entity.State.Details?.ShippingAddress);
    }

    [Fact]
    public async Task The_same_address_again_records_nothing() =>
        await Placed().When(ChangeShippingAddress.Name, new ChangeShippingAddress.Command(Address)).ThenNothing();

    [Theory]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    public async Task An_order_that_ships_nothing_refuses_the_change(string state)
    {
        var error = await In(state).When(ChangeShippingAddress.Name, new ChangeShippingAddress.Command(NewAddress))
            .ThenFails<ChangeShippingAddress.AddressCannotChange>();
        Assert.Equal(state, error.State);
    }

    [Fact]
    public async Task An_order_never_placed_has_no_address_to_change() =>
        await New().When(ChangeShippingAddress.Name, new ChangeShippingAddress.Command(NewAddress)).ThenFails<OrderNotPlaced>();

    [Fact]
    public async Task An_address_that_place_order_would_refuse_is_refused()
    {
        var error = await Placed().When(ChangeShippingAddress.Name, new ChangeShippingAddress.Command(NewAddress with { Country = "gb" }))
            .ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == "shippingAddress.country");
    }
}
