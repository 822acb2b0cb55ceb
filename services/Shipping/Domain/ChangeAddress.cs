using FluentValidation;
using WeeEvents.Protection;
using WeeEvents.Services.Shipping.Domain.Commands;

namespace WeeEvents.Services.Shipping.Domain;

/// <summary>
/// The customer changed where their order ships (from <c>ShippingAddressChanged</c>): a shipment not yet dispatched moves
/// to the new address, scheduled or not; one heard of before its order's placement takes it as its address (the
/// placement's then finds one noted and records nothing). A dispatched, delivered or cancelled shipment records nothing:
/// the parcel left with the address it had, or nothing ships.
/// </summary>
public static class ChangeAddress
{
    /// <summary>The command name.</summary>
    public const string Name = "change-address";

    /// <summary>The event type name.</summary>
    public const string EventName = "address-changed";

    /// <summary>The payload.</summary>
    /// <param name="Address">Where to ship from now on.</param>
    /// <param name="CustomerId">Whose address it is: the data subject its encryption key belongs to.</param>
    public sealed record Command(Address Address, [property: DataSubject] string CustomerId);

    /// <summary>The event: the shipment goes to <paramref name="Address"/>.</summary>
    /// <param name="Address">The new address.</param>
    /// <param name="CustomerId">Whose address it is.</param>
    public sealed record Changed(Address Address, [property: DataSubject] string CustomerId);

    /// <summary>An address and its customer (Order validated the address's fields when the customer sent it).</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Address).NotNull();
            RuleFor(c => c.CustomerId).NotEmpty();
        }
    }

    /// <summary>Moves a shipment not yet dispatched to the new address.</summary>
    public static Task Handle(IPublisher publisher, Entity<ShipmentState> entity, Command command, CancellationToken cancellationToken) =>
        entity.State switch
        {
            ShipmentState.Uninitialized or ShipmentState.AwaitingAddress =>
                ShipmentCommandHandlers.NoteAddress(publisher, entity, new NoteAddress.Command(command.Address, CustomerId: command.CustomerId), cancellationToken),
            ShipmentState.AwaitingPayment s when s.Address != command.Address => Publish(publisher, command),
            ShipmentState.Scheduled s when s.Address != command.Address => Publish(publisher, command),
            _ => Task.CompletedTask,
        };

    /// <summary>awaiting-payment and scheduled keep their status with the new address.</summary>
    public static ShipmentState Reduce(ShipmentState state, RecordedEvent<Changed> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return state switch
        {
            ShipmentState.AwaitingPayment s => s with { Address = recorded.Data.Address },
            ShipmentState.Scheduled s => s with { Address = recorded.Data.Address },
            _ => state,
        };
    }

    private static Task Publish(IPublisher publisher, Command command)
    {
        publisher.Publish(EventName, new Changed(command.Address, command.CustomerId));
        return Task.CompletedTask;
    }
}
