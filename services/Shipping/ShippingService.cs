using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Commands;
using WeeEvents.Services.Shipping.Domain.Events;

namespace WeeEvents.Services.Shipping;

/// <summary>The shipping service (one shipment per order): loader + dispatcher + metadata, as one value.</summary>
public static class ShippingService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "shipment";

    /// <summary>The role that may dispatch and deliver shipments: the warehouse's, not the customer's.</summary>
    public const string ClerkRole = "shipping-clerk";

    /// <summary>
    /// The order's customer owns its shipment (their name and address): they read it, nobody else but shipping clerks,
    /// whose work it is, and operators.
    /// </summary>
    public static readonly EntityAccess<ShipmentState> Access = EntityAccess<ShipmentState>
        .OwnedBy(state => state.CustomerId, ClerkRole, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator);

    /// <summary>How a shipment's state is built from its events.</summary>
    public static readonly LoaderDescription<ShipmentState> Loader = LoaderDescription
        .FromInitializer<ShipmentState>(() => new ShipmentState.Uninitialized())
        .Reducer<AddressNoted.Data>(AddressNoted.Name, ShipmentReducers.AddressNoted)
        .Reducer<PaymentNoted.Data>(PaymentNoted.Name, ShipmentReducers.PaymentNoted)
        .Reducer<ShipmentScheduled.Data>(ShipmentScheduled.Name, ShipmentReducers.Scheduled)
        .Reducer<ShipmentDispatched.Data>(ShipmentDispatched.Name, ShipmentReducers.Dispatched)
        .Reducer<ShipmentDelivered.Data>(ShipmentDelivered.Name, ShipmentReducers.Delivered)
        .Reducer<ShipmentCancelled.Data>(ShipmentCancelled.Name, ShipmentReducers.Cancelled)
        .Reducer<ChangeAddress.Changed>(ChangeAddress.EventName, ChangeAddress.Reduce)
        .Description();

    /// <summary>The commands a shipment accepts: dispatch and deliver over HTTP; the rest from the order flow.</summary>
    public static readonly DispatcherDescription<ShipmentState> Dispatcher = DispatcherDescription
        .For<ShipmentState>()
        .Access(Access)
        .Command(NoteAddress.Name, new NoteAddress.Validator(), ShipmentCommandHandlers.NoteAddress, CommandAccess.ServiceOnly, startsStream: true)
        .Command(ScheduleShipment.Name, new ScheduleShipment.Validator(), ShipmentCommandHandlers.Schedule, CommandAccess.ServiceOnly)
        .Command(DispatchShipment.Name, new DispatchShipment.Validator(), ShipmentCommandHandlers.Dispatch, CommandAccess.AnyRole(ClerkRole))
        .Command(DeliverShipment.Name, new DeliverShipment.Validator(), ShipmentCommandHandlers.Deliver, CommandAccess.AnyRole(ClerkRole))
        .Command(CancelShipment.Name, new CancelShipment.Validator(), ShipmentCommandHandlers.Cancel, CommandAccess.ServiceOnly)
        .Command(ChangeAddress.Name, new ChangeAddress.Validator(), ChangeAddress.Handle, CommandAccess.ServiceOnly)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<ShipmentState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "The shipment of one order: scheduled when paid, dispatched, delivered; cancelled if refunded before dispatch."),
        Loader,
        Dispatcher);
}
