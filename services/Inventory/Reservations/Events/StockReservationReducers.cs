namespace WeeEvents.Services.Inventory.Reservations.Events;

/// <summary>How each event changes an order's reservation. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class StockReservationReducers
{
    /// <summary>uninitialized → reserved.</summary>
    public static StockReservationState Confirmed(StockReservationState state, RecordedEvent<ReservationConfirmed.Data> e) =>
        state is StockReservationState.Uninitialized ? new StockReservationState.Reserved(e.Data.Lines, e.Data.Total) { CustomerId = e.Data.CustomerId } : state;

    /// <summary>uninitialized → failed.</summary>
    public static StockReservationState Failed(StockReservationState state, RecordedEvent<ReservationFailed.Data> e) =>
        state is StockReservationState.Uninitialized ? new StockReservationState.Failed(e.Data.Shortages, e.Data.Reason, e.Data.Prices) { CustomerId = e.Data.CustomerId } : state;

    /// <summary>reserved → committed.</summary>
    public static StockReservationState Committed(StockReservationState state, RecordedEvent<ReservationCommitted.Data> e) =>
        state is StockReservationState.Reserved r ? Kept(state, new StockReservationState.Committed(r.Lines)) : state;

    /// <summary>reserved or committed → released.</summary>
    public static StockReservationState Released(StockReservationState state, RecordedEvent<ReservationReleased.Data> e) => state switch
    {
        StockReservationState.Reserved r => Kept(state, new StockReservationState.Released(r.Lines, e.Data.Reason)),
        StockReservationState.Committed c => Kept(state, new StockReservationState.Released(c.Lines, e.Data.Reason)),
        _ => state,
    };

    /// <summary>uninitialized → voided.</summary>
    public static StockReservationState Voided(StockReservationState state, RecordedEvent<ReservationVoided.Data> e) =>
        state is StockReservationState.Uninitialized ? Kept(state, new StockReservationState.Voided(e.Data.Reason)) : state;

    /// <summary>The next state, still owned by the customer the state named.</summary>
    private static StockReservationState Kept(StockReservationState state, StockReservationState next) => next with { CustomerId = state.CustomerId };
}
