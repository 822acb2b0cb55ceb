using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Reservations.Events;

namespace WeeEvents.Services.Inventory.Reservations.Commands;

/// <summary>The rules of an order's reservation: decided once; every repeat or late message records nothing.</summary>
public static class StockReservationCommandHandlers
{
    /// <summary>An undecided reservation is confirmed; confirming again is a no-op; a decided one refuses.</summary>
    public static Task Confirm(IPublisher publisher, Entity<StockReservationState> entity, ConfirmReservation.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case StockReservationState.Uninitialized:
                publisher.Publish(ReservationConfirmed.Name, new ReservationConfirmed.Data(command.Lines, command.Total, command.CustomerId));
                break;
            case StockReservationState.Reserved or StockReservationState.Committed:
                break;
            default:
                throw new ReservationAlreadyDecided(entity.Aggregate, entity.State, ConfirmReservation.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>An undecided reservation fails; failing again is a no-op; a decided one refuses.</summary>
    public static Task Fail(IPublisher publisher, Entity<StockReservationState> entity, FailReservation.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case StockReservationState.Uninitialized:
                publisher.Publish(ReservationFailed.Name, new ReservationFailed.Data(command.Shortages, command.Reason, command.Prices, command.CustomerId));
                break;
            case StockReservationState.Failed:
                break;
            default:
                throw new ReservationAlreadyDecided(entity.Aggregate, entity.State, FailReservation.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A held reservation is committed, for a payment of its total at catalogue prices only (a reservation recorded
    /// before prices has none to check). Already committed, or released first (the order was cancelled while its
    /// payment went through), records nothing. No reservation at all, one that failed or was voided, or a payment of
    /// another amount, is refused: Inventory commits only a reservation it holds, for what it costs.
    /// </summary>
    public static Task Commit(IPublisher publisher, Entity<StockReservationState> entity, CommitReservation.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case StockReservationState.Reserved { Total: var total } when !Money.Settles(command.Paid, total):
                throw new PaymentDoesNotMatch(entity.Aggregate, entity.State, total!, command.Paid!);
            case StockReservationState.Reserved:
                publisher.Publish(ReservationCommitted.Name, new ReservationCommitted.Data());
                break;
            case StockReservationState.Uninitialized:
                throw new ReservationNotFound(entity.Aggregate, CommitReservation.Name);
            case StockReservationState.Failed or StockReservationState.Voided:
                throw new ReservationNotHeld(entity.Aggregate, entity.State, CommitReservation.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Held or sold units go back; an undecided reservation is voided so that a late <c>OrderPlaced</c>
    /// reserves nothing. Failed, released or voided records nothing.
    /// </summary>
    public static Task Release(IPublisher publisher, Entity<StockReservationState> entity, ReleaseReservation.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case StockReservationState.Reserved or StockReservationState.Committed:
                publisher.Publish(ReservationReleased.Name, new ReservationReleased.Data(command.Reason));
                break;
            case StockReservationState.Uninitialized:
                publisher.Publish(ReservationVoided.Name, new ReservationVoided.Data(command.Reason));
                break;
        }

        return Task.CompletedTask;
    }
}
