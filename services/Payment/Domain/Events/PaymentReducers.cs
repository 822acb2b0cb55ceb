namespace WeeEvents.Services.Payment.Domain.Events;

/// <summary>How each event changes a payment. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class PaymentReducers
{
    /// <summary>uninitialized or awaiting-order → requested.</summary>
    public static PaymentState Requested(PaymentState state, RecordedEvent<PaymentRequested.Data> e) =>
        state is PaymentState.Uninitialized or PaymentState.AwaitingOrder
            ? new PaymentState.Requested(e.Data.Amount, e.Data.Currency, e.Data.PaymentToken) { CustomerId = e.Data.CustomerId ?? state.CustomerId }
            : state;

    /// <summary>uninitialized → awaiting-order.</summary>
    public static PaymentState StockNoted(PaymentState state, RecordedEvent<StockReservationNoted.Data> e) =>
        state is PaymentState.Uninitialized ? Kept(state, new PaymentState.AwaitingOrder(e.Data.Amount, e.Data.Currency)) : state;

    /// <summary>requested → succeeded.</summary>
    public static PaymentState Succeeded(PaymentState state, RecordedEvent<PaymentSucceeded.Data> e) =>
        state is PaymentState.Requested ? Kept(state, new PaymentState.Succeeded(e.Data.Amount, e.Data.Currency, e.Data.TransactionId)) : state;

    /// <summary>requested → failed.</summary>
    public static PaymentState Failed(PaymentState state, RecordedEvent<PaymentFailed.Data> e) =>
        state is PaymentState.Requested ? Kept(state, new PaymentState.Failed(e.Data.Amount, e.Data.Currency, e.Data.Reason)) : state;

    /// <summary>
    /// succeeded → refunded; cancelled → refunded (a charge that was in flight when the order was cancelled); failed
    /// because the gateway did not answer → refunded (it made the charge after all).
    /// </summary>
    public static PaymentState Refunded(PaymentState state, RecordedEvent<PaymentRefunded.Data> e) =>
        state is PaymentState.Succeeded or PaymentState.Cancelled or PaymentState.Failed { Reason: PaymentFailed.GatewayUnavailable } ? Kept(state, new PaymentState.Refunded(e.Data.Amount, e.Data.Currency, e.Data.TransactionId, e.Data.RefundId)) : state;

    /// <summary>uninitialized, awaiting-order or requested → cancelled.</summary>
    public static PaymentState Cancelled(PaymentState state, RecordedEvent<PaymentCancelled.Data> e) => state switch
    {
        PaymentState.Uninitialized or PaymentState.AwaitingOrder => Kept(state, new PaymentState.Cancelled(e.Data.Reason)),
        PaymentState.Requested r => Kept(state, new PaymentState.Cancelled(e.Data.Reason, r.Amount, r.Currency)),
        _ => state,
    };

    /// <summary>The next state, still owned by the customer the state named.</summary>
    private static PaymentState Kept(PaymentState state, PaymentState next) => next with { CustomerId = state.CustomerId };
}
