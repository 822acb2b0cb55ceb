namespace WeeEvents.Services.Shipping.Domain.Events;

/// <summary>How each event changes a shipment. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class ShipmentReducers
{
    /// <summary>uninitialized → awaiting-payment; awaiting-address keeps waiting for its schedule event, now with an address.</summary>
    public static ShipmentState AddressNoted(ShipmentState state, RecordedEvent<AddressNoted.Data> e) =>
        state is ShipmentState.Uninitialized or ShipmentState.AwaitingAddress ? new ShipmentState.AwaitingPayment(e.Data.Address, e.Data.Total, e.Data.Currency) { CustomerId = e.Data.CustomerId ?? state.CustomerId } : state;

    /// <summary>uninitialized → awaiting-address.</summary>
    public static ShipmentState PaymentNoted(ShipmentState state, RecordedEvent<PaymentNoted.Data> e) =>
        state is ShipmentState.Uninitialized ? Kept(state, new ShipmentState.AwaitingAddress()) : state;

    /// <summary>awaiting-payment → scheduled.</summary>
    public static ShipmentState Scheduled(ShipmentState state, RecordedEvent<ShipmentScheduled.Data> e) =>
        state is ShipmentState.AwaitingPayment a ? Kept(state, new ShipmentState.Scheduled(a.Address, e.Data.Carrier, e.Data.TrackingNumber)) : state;

    /// <summary>scheduled → dispatched.</summary>
    public static ShipmentState Dispatched(ShipmentState state, RecordedEvent<ShipmentDispatched.Data> e) =>
        state is ShipmentState.Scheduled s ? Kept(state, new ShipmentState.Dispatched(s.Address, s.Carrier, s.TrackingNumber, e.Timestamp)) : state;

    /// <summary>dispatched → delivered.</summary>
    public static ShipmentState Delivered(ShipmentState state, RecordedEvent<ShipmentDelivered.Data> e) =>
        state is ShipmentState.Dispatched d ? Kept(state, new ShipmentState.Delivered(d.Address, d.Carrier, d.TrackingNumber, e.Timestamp)) : state;

    /// <summary>anything not yet dispatched → cancelled.</summary>
    public static ShipmentState Cancelled(ShipmentState state, RecordedEvent<ShipmentCancelled.Data> e) =>
        state is ShipmentState.Uninitialized or ShipmentState.AwaitingPayment or ShipmentState.AwaitingAddress or ShipmentState.Scheduled
            ? Kept(state, new ShipmentState.Cancelled(e.Data.Reason))
            : state;

    /// <summary>The next state, still owned by the customer the state named.</summary>
    private static ShipmentState Kept(ShipmentState state, ShipmentState next) => next with { CustomerId = state.CustomerId };
}
