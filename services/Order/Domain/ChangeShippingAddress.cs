using System.ComponentModel;
using FluentValidation;
using WeeEvents.Protection;
using WeeEvents.Services.Order.Domain.Commands;

namespace WeeEvents.Services.Order.Domain;

/// <summary>
/// The customer changes where an order ships, from placing it until its parcel leaves: the order records the new
/// address and publishes it (<c>ShippingAddressChanged</c>), and Shipping moves the shipment to it unless it was already
/// dispatched. A rejected or cancelled order ships nothing, so it refuses the change; the same address again records
/// nothing.
/// </summary>
[Description("Change where an order ships. Until its parcel is dispatched: Shipping moves the shipment to the new " +
    "address (follow it at `GET /shipment/{id}`); a dispatched parcel keeps the address it left with. A rejected or " +
    "cancelled order refuses the change.")]
public static class ChangeShippingAddress
{
    /// <summary>A change as a client sends it (the documentation's example body).</summary>
    public static readonly Command Example = new(new ShippingAddress("Ada Lovelace", "2 Side St", "London", "N1 9GV", "GB"));

    /// <summary>The command name.</summary>
    public const string Name = "change-shipping-address";

    /// <summary>The event type name.</summary>
    public const string EventName = "shipping-address-changed";

    /// <summary>The payload.</summary>
    /// <param name="ShippingAddress">Where to ship from now on.</param>
    public sealed record Command(ShippingAddress ShippingAddress);

    /// <summary>The event: the order ships to <paramref name="ShippingAddress"/> from now on.</summary>
    /// <param name="CustomerId">Whose address it is (the key its personal fields are encrypted under).</param>
    /// <param name="ShippingAddress">The new address.</param>
    public sealed record Changed([property: DataSubject] string CustomerId, ShippingAddress ShippingAddress);

    /// <summary>The address follows the rules of <c>place-order</c>'s.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.ShippingAddress).NotNull().SetValidator(new PlaceOrder.AddressValidator());
    }

    /// <summary>Records the new address of an order that can still ship; refuses one that never will.</summary>
    public static Task Handle(IPublisher publisher, Entity<OrderState> entity, Command command, CancellationToken cancellationToken)
    {
        switch (OrderCommandHandlers.RequirePlaced(entity, Name))
        {
            case OrderState.Rejected or OrderState.Cancelled:
                throw new AddressCannotChange(entity.Aggregate, entity.State);
            case { Details: { } details } when details.ShippingAddress != command.ShippingAddress:
                publisher.Publish(EventName, new Changed(details.CustomerId, command.ShippingAddress));
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>The order's details now name the new address; its status is unchanged.</summary>
    public static OrderState Reduce(OrderState state, RecordedEvent<Changed> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var address = recorded.Data.ShippingAddress;
        return state switch
        {
            OrderState.Placed s => s with { Order = s.Order with { ShippingAddress = address } },
            OrderState.StockReserved s => s with { Order = s.Order with { ShippingAddress = address } },
            OrderState.Paid s => s with { Order = s.Order with { ShippingAddress = address } },
            OrderState.Completed s => s with { Order = s.Order with { ShippingAddress = address } },
            _ => state,
        };
    }

    /// <summary>A rejected or cancelled order ships nothing: there is no address to change.</summary>
    public sealed class AddressCannotChange(AggregateId order, OrderState state)
        : DomainRuleViolation(order, state.Name, Name, $"Order {order.Key} is {state.Name}; it ships nothing, so its address cannot change.");
}
