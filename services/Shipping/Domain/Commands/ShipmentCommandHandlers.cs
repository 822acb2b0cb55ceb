using WeeEvents.Contracts;
using WeeEvents.Services.Shipping.Domain.Events;

namespace WeeEvents.Services.Shipping.Domain.Commands;

/// <summary>
/// The business rules of a shipment. The address (from <c>OrderPlaced</c>) and the payment (from
/// <c>PaymentSucceeded</c>) may arrive in either order; the shipment is scheduled when both are known.
/// Repeats and late news record nothing.
/// </summary>
public static class ShipmentCommandHandlers
{
    /// <summary>Notes the address; if the payment came first, schedules at once.</summary>
    public static Task NoteAddress(IPublisher publisher, Entity<ShipmentState> entity, NoteAddress.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case ShipmentState.Uninitialized:
                publisher.Publish(AddressNoted.Name, new AddressNoted.Data(command.Address, command.Total, command.Currency, command.CustomerId));
                break;
            case ShipmentState.AwaitingAddress:
                publisher.Publish(AddressNoted.Name, new AddressNoted.Data(command.Address, command.Total, command.Currency, command.CustomerId));
                Schedule(publisher, entity.Aggregate, command.Address);
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Schedules once the address is known; before it, notes the payment and waits. A payment whose amount or currency
    /// is not the order's total is refused (<see cref="PaymentDoesNotMatch"/>): nothing ships on a payment that was not made.
    /// </summary>
    public static Task Schedule(IPublisher publisher, Entity<ShipmentState> entity, ScheduleShipment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case ShipmentState.Uninitialized:
                publisher.Publish(PaymentNoted.Name, new PaymentNoted.Data());
                break;
            case ShipmentState.AwaitingPayment awaiting:
                var (expected, paid) = (Money.From(awaiting.Total, awaiting.Currency), Money.From(command.Amount, command.Currency));
                if (!Money.Settles(paid, expected))
                {
                    throw new PaymentDoesNotMatch(entity.Aggregate, entity.State, expected!, paid!);
                }

                Schedule(publisher, entity.Aggregate, awaiting.Address);
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>A scheduled shipment is dispatched; dispatching again is a no-op; anything else refuses.</summary>
    public static Task Dispatch(IPublisher publisher, Entity<ShipmentState> entity, DispatchShipment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case ShipmentState.Scheduled:
                publisher.Publish(ShipmentDispatched.Name, new ShipmentDispatched.Data());
                break;
            case ShipmentState.Dispatched or ShipmentState.Delivered:
                break;
            default:
                throw new ShipmentNotScheduled(entity.Aggregate, entity.State);
        }

        return Task.CompletedTask;
    }

    /// <summary>A dispatched shipment is delivered; delivering again is a no-op; anything else refuses.</summary>
    public static Task Deliver(IPublisher publisher, Entity<ShipmentState> entity, DeliverShipment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case ShipmentState.Dispatched:
                publisher.Publish(ShipmentDelivered.Name, new ShipmentDelivered.Data());
                break;
            case ShipmentState.Delivered:
                break;
            default:
                throw new ShipmentNotDispatched(entity.Aggregate, entity.State);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The payment was refunded: a shipment not yet dispatched is cancelled (also before it was heard of,
    /// so a late address or payment schedules nothing). Once dispatched it refuses: a person must recall it.
    /// </summary>
    public static Task Cancel(IPublisher publisher, Entity<ShipmentState> entity, CancelShipment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case ShipmentState.Uninitialized or ShipmentState.AwaitingPayment or ShipmentState.AwaitingAddress or ShipmentState.Scheduled:
                publisher.Publish(ShipmentCancelled.Name, new ShipmentCancelled.Data(command.Reason));
                break;
            case ShipmentState.Dispatched or ShipmentState.Delivered:
                throw new ShipmentAlreadyDispatched(entity.Aggregate, entity.State);
        }

        return Task.CompletedTask;
    }

    private static void Schedule(IPublisher publisher, AggregateId shipment, Address address)
    {
        var (carrier, trackingNumber) = Carriers.Assign(shipment.Key, address.Country);
        publisher.Publish(ShipmentScheduled.Name, new ShipmentScheduled.Data(carrier, trackingNumber));
    }
}
