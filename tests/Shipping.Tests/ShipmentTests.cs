using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Commands;
using WeeEvents.Services.Shipping.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Shipping.Tests;

public class ShipmentTests
{
    private static readonly Address London = new("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB");
    private static readonly ShipmentScheduled.Data Assigned = Assign();

    private static ShipmentScheduled.Data Assign()
    {
        var (carrier, tracking) = Carriers.Assign("o-1", "GB");
        return new ShipmentScheduled.Data(carrier, tracking);
    }

    private static ScenarioGiven<ShipmentState> Order() => Scenario.For(ShippingService.Description, "o-1");

    private static ScenarioGiven<ShipmentState> Addressed() => Order().Given(AddressNoted.Name, new AddressNoted.Data(London));

    private static ScenarioGiven<ShipmentState> Scheduled() => Addressed().Given(ShipmentScheduled.Name, Assigned);

    private static ScenarioGiven<ShipmentState> Dispatched() => Scheduled().Given(ShipmentDispatched.Name, new ShipmentDispatched.Data());

    private static ScenarioGiven<ShipmentState> Delivered() => Dispatched().Given(ShipmentDelivered.Name, new ShipmentDelivered.Data());

    [Fact]
    public async Task A_placed_order_notes_its_address_and_waits_for_payment()
    {
        var entity = await Order().When(NoteAddress.Name, new NoteAddress.Command(London)).Then(AddressNoted.Name, new AddressNoted.Data(London));
        Assert.IsType<ShipmentState.AwaitingPayment>(entity.State);
    }

    [Fact]
    public async Task A_payment_of_the_orders_total_schedules_and_one_of_another_amount_is_refused()
    {
        var priced = Order().Given(AddressNoted.Name, new AddressNoted.Data(London, 24.98m, "EUR"));
        await priced.When(ScheduleShipment.Name, new ScheduleShipment.Command(24.98m, "EUR")).Then(ShipmentScheduled.Name, Assigned);
        var error = await Order().Given(AddressNoted.Name, new AddressNoted.Data(London, 24.98m, "EUR"))
            .When(ScheduleShipment.Name, new ScheduleShipment.Command(0.01m, "EUR")).ThenFails<PaymentDoesNotMatch>();
        Assert.Contains("ships an order of 24.98 EUR; the payment says 0.01 EUR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payment_schedules_the_shipment_with_a_carrier_and_tracking_number()
    {
        var entity = await Addressed().When(ScheduleShipment.Name, new ScheduleShipment.Command()).Then(ShipmentScheduled.Name, Assigned);
        var scheduled = Assert.IsType<ShipmentState.Scheduled>(entity.State);
        Assert.Equal("Royal Mail", scheduled.Carrier);
        Assert.Matches("^RM[0-9A-F]{12}$", scheduled.TrackingNumber);
    }

    [Fact]
    public async Task A_payment_heard_before_the_address_schedules_when_the_address_arrives()
    {
        var paidFirst = await Order().When(ScheduleShipment.Name, new ScheduleShipment.Command()).Then(PaymentNoted.Name, new PaymentNoted.Data());
        Assert.IsType<ShipmentState.AwaitingAddress>(paidFirst.State);

        var entity = await Order().Given(PaymentNoted.Name, new PaymentNoted.Data()).When(NoteAddress.Name, new NoteAddress.Command(London)).Then(
            DomainEvent.Create(AddressNoted.Name, new AddressNoted.Data(London)),
            DomainEvent.Create(ShipmentScheduled.Name, Assigned));
        Assert.Equal(London, Assert.IsType<ShipmentState.Scheduled>(entity.State).Address);
    }

    [Fact]
    public async Task Repeated_news_records_nothing()
    {
        await Addressed().When(NoteAddress.Name, new NoteAddress.Command(London)).ThenNothing();
        await Scheduled().When(ScheduleShipment.Name, new ScheduleShipment.Command()).ThenNothing();
        await Scheduled().When(NoteAddress.Name, new NoteAddress.Command(London)).ThenNothing();
        await Order().Given(PaymentNoted.Name, new PaymentNoted.Data()).When(ScheduleShipment.Name, new ScheduleShipment.Command()).ThenNothing();
    }

    [Fact]
    public void The_same_order_always_gets_the_same_tracking_number()
    {
        Assert.Equal(Carriers.Assign("o-1", "GB"), Carriers.Assign("o-1", "GB"));
        Assert.NotEqual(Carriers.Assign("o-1", "GB").TrackingNumber, Carriers.Assign("o-2", "GB").TrackingNumber);
        Assert.Equal("DHL Express", Carriers.Assign("o-1", "FR").Carrier);
    }

    [Fact]
    public async Task A_scheduled_shipment_is_dispatched_then_delivered()
    {
        var dispatched = await Scheduled().When(DispatchShipment.Name, new DispatchShipment.Command()).Then(ShipmentDispatched.Name, new ShipmentDispatched.Data());
        Assert.Equal(Assigned.TrackingNumber, Assert.IsType<ShipmentState.Dispatched>(dispatched.State).TrackingNumber);

        var delivered = await Dispatched().When(DeliverShipment.Name, new DeliverShipment.Command()).Then(ShipmentDelivered.Name, new ShipmentDelivered.Data());
        Assert.Equal("delivered", delivered.State.Name);
    }

    [Fact]
    public async Task Dispatching_or_delivering_again_is_a_no_op()
    {
        await Dispatched().When(DispatchShipment.Name, new DispatchShipment.Command()).ThenNothing();
        await Delivered().When(DispatchShipment.Name, new DispatchShipment.Command()).ThenNothing();
        await Delivered().When(DeliverShipment.Name, new DeliverShipment.Command()).ThenNothing();
    }

    [Fact]
    public async Task A_shipment_not_scheduled_cannot_be_dispatched()
    {
        var error = await Addressed().When(DispatchShipment.Name, new DispatchShipment.Command()).ThenFails<ShipmentNotScheduled>();
        Assert.Equal(("awaiting-payment", "dispatch-shipment"), (error.State, error.Operation));
        await Order().When(DispatchShipment.Name, new DispatchShipment.Command()).ThenFails<ShipmentNotScheduled>();
    }

    [Fact]
    public async Task A_shipment_not_dispatched_cannot_be_delivered()
    {
        var error = await Scheduled().When(DeliverShipment.Name, new DeliverShipment.Command()).ThenFails<ShipmentNotDispatched>();
        Assert.Equal("scheduled", error.State);
    }

    [Fact]
    public async Task A_refund_before_dispatch_cancels_the_shipment()
    {
        var entity = await Scheduled().When(CancelShipment.Name, new CancelShipment.Command("payment refunded"))
            .Then(ShipmentCancelled.Name, new ShipmentCancelled.Data("payment refunded"));
        Assert.IsType<ShipmentState.Cancelled>(entity.State);
    }

    [Fact]
    public async Task A_cancelled_shipment_never_ships()
    {
        var cancelled = Scheduled().Given(ShipmentCancelled.Name, new ShipmentCancelled.Data("payment refunded"));
        await cancelled.When(DispatchShipment.Name, new DispatchShipment.Command()).ThenFails<ShipmentNotScheduled>();
        await cancelled.When(ScheduleShipment.Name, new ScheduleShipment.Command()).ThenNothing();
        await cancelled.When(CancelShipment.Name, new CancelShipment.Command("again")).ThenNothing();
    }

    [Fact]
    public async Task A_refund_heard_before_anything_else_means_nothing_is_ever_scheduled()
    {
        await Order().When(CancelShipment.Name, new CancelShipment.Command("payment refunded")).Then(ShipmentCancelled.Name, new ShipmentCancelled.Data("payment refunded"));

        var cancelled = Order().Given(ShipmentCancelled.Name, new ShipmentCancelled.Data("payment refunded"));
        await cancelled.When(NoteAddress.Name, new NoteAddress.Command(London)).ThenNothing();
        await cancelled.When(ScheduleShipment.Name, new ScheduleShipment.Command()).ThenNothing();
    }

    [Fact]
    public async Task A_dispatched_shipment_cannot_be_cancelled()
    {
        var error = await Dispatched().When(CancelShipment.Name, new CancelShipment.Command("payment refunded")).ThenFails<ShipmentAlreadyDispatched>();
        Assert.Equal("dispatched", error.State);
    }

    [Fact]
    public async Task An_address_with_a_bad_country_is_refused_with_the_field_named()
    {
        var error = await Order().When(NoteAddress.Name, new NoteAddress.Command(London with { Country = "gb", City = "" })).ThenFails<CommandValidationFailed>();
        Assert.Equal(["address.city", "address.country"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
