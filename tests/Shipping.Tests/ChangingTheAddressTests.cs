using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Commands;
using WeeEvents.Services.Shipping.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Shipping.Tests;

public class ChangingTheAddressTests
{
    private static readonly Address London = new("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB");
    private static readonly Address Elsewhere = new("Ada Lovelace", "2 Side St", "London", "N1 9GV", "GB", "Flat 3");
    private static readonly ChangeAddress.Command Change = new(Elsewhere, "customer-1");

    private static ScenarioGiven<ShipmentState> Order() => Scenario.For(ShippingService.Description, "o-1");

    private static ScenarioGiven<ShipmentState> Addressed() => Order().Given(AddressNoted.Name, new AddressNoted.Data(London, 24.98m, "EUR", "customer-1"));

    private static ScenarioGiven<ShipmentState> Scheduled() => Addressed().Given(ShipmentScheduled.Name, new ShipmentScheduled.Data("Royal Mail", "RM1"));

    [Fact]
    public async Task A_shipment_waiting_for_payment_moves_to_the_new_address_and_still_expects_the_orders_total()
    {
        var entity = await Addressed().When(ChangeAddress.Name, Change).Then(ChangeAddress.EventName, new ChangeAddress.Changed(Elsewhere, "customer-1"));
        var awaiting = Assert.IsType<ShipmentState.AwaitingPayment>(entity.State);
        Assert.Equal((Elsewhere, 24.98m, "EUR", "customer-1"), (awaiting.Address, awaiting.Total, awaiting.Currency, awaiting.CustomerId));
    }

    [Fact]
    public async Task A_scheduled_shipment_not_yet_dispatched_moves_to_the_new_address()
    {
        var entity = await Scheduled().When(ChangeAddress.Name, Change).Then(ChangeAddress.EventName, new ChangeAddress.Changed(Elsewhere, "customer-1"));
        var scheduled = Assert.IsType<ShipmentState.Scheduled>(entity.State);
        Assert.Equal((Elsewhere, "RM1"), (scheduled.Address, scheduled.TrackingNumber));
    }

    [Fact]
    public async Task A_dispatched_parcel_keeps_the_address_it_left_with() =>
        await Scheduled().Given(ShipmentDispatched.Name, new ShipmentDispatched.Data()).When(ChangeAddress.Name, Change).ThenNothing();

    [Fact]
    public async Task A_change_heard_before_the_placement_is_the_address_and_the_placements_address_then_records_nothing()
    {
        var entity = await Order().When(ChangeAddress.Name, Change).Then(AddressNoted.Name, new AddressNoted.Data(Elsewhere, CustomerId: "customer-1"));
        Assert.Equal(Elsewhere, Assert.IsType<ShipmentState.AwaitingPayment>(entity.State).Address);
        await Order().Given(AddressNoted.Name, new AddressNoted.Data(Elsewhere, CustomerId: "customer-1"))
            .When(NoteAddress.Name, new NoteAddress.Command(London, 24.98m, "EUR", "customer-1")).ThenNothing();
    }

    [Fact]
    public async Task The_same_address_again_records_nothing() =>
        await Addressed().When(ChangeAddress.Name, new ChangeAddress.Command(London, "customer-1")).ThenNothing();
}
