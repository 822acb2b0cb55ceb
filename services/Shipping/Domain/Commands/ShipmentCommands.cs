using System.ComponentModel;
using FluentValidation;
using WeeEvents.Protection;

namespace WeeEvents.Services.Shipping.Domain.Commands;

/// <summary>The order was placed (from <c>OrderPlaced</c>): note where it ships.</summary>
public static class NoteAddress
{
    /// <summary>The command name.</summary>
    public const string Name = "note-address";

    /// <summary>The payload.</summary>
    /// <param name="Address">Where to ship.</param>
    /// <param name="Total">The order's total, the amount its payment must show before anything ships.</param>
    /// <param name="Currency">The currency of <paramref name="Total"/>.</param>
    /// <param name="CustomerId">Whose address it is: the data subject its encryption key belongs to.</param>
    public sealed record Command(Address Address, decimal? Total = null, string? Currency = null, [property: DataSubject] string? CustomerId = null);

    /// <summary>Name, line 1, city and postal code required; an ISO 3166 alpha-2 country.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Address).NotNull();
            RuleFor(c => c.Address.Name).NotEmpty().When(c => c.Address is not null);
            RuleFor(c => c.Address.Line1).NotEmpty().When(c => c.Address is not null);
            RuleFor(c => c.Address.City).NotEmpty().When(c => c.Address is not null);
            RuleFor(c => c.Address.PostalCode).NotEmpty().When(c => c.Address is not null);
            RuleFor(c => c.Address.Country).Matches("^[A-Z]{2}$").When(c => c.Address is not null)
                .WithMessage("Country must be an ISO 3166 alpha-2 code: two upper-case letters.");
        }
    }
}

/// <summary>The order was paid (from <c>PaymentSucceeded</c>): schedule its shipment.</summary>
public static class ScheduleShipment
{
    /// <summary>The command name.</summary>
    public const string Name = "schedule-shipment";

    /// <summary>The payload: what the payment says was charged (carrier and tracking number are assigned).</summary>
    /// <param name="Amount">The amount charged.</param>
    /// <param name="Currency">Its currency.</param>
    public sealed record Command(decimal? Amount = null, string? Currency = null);

    /// <summary>Nothing to check: the amount is checked against the order's total by the handler.</summary>
    public sealed class Validator : AbstractValidator<Command>;
}

/// <summary>The warehouse handed the parcel to the carrier (over HTTP).</summary>
[Description("Dispatch a shipment. The warehouse handed the parcel to the carrier; the body is empty (`{}`).")]
public static class DispatchShipment
{
    /// <summary>The command name.</summary>
    public const string Name = "dispatch-shipment";

    /// <summary>The payload (none).</summary>
    public sealed record Command;

    /// <summary>Nothing to check.</summary>
    public sealed class Validator : AbstractValidator<Command>;
}

/// <summary>The carrier delivered the parcel (over HTTP).</summary>
[Description("Deliver a shipment. The carrier handed the parcel over; the body is empty (`{}`).")]
public static class DeliverShipment
{
    /// <summary>The command name.</summary>
    public const string Name = "deliver-shipment";

    /// <summary>The payload (none).</summary>
    public sealed record Command;

    /// <summary>Nothing to check.</summary>
    public sealed class Validator : AbstractValidator<Command>;
}

/// <summary>The order's payment was refunded (from <c>PaymentRefunded</c>): nothing must ship.</summary>
public static class CancelShipment
{
    /// <summary>The command name.</summary>
    public const string Name = "cancel-shipment";

    /// <summary>The payload.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Command(string Reason);

    /// <summary>Reason required.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}
