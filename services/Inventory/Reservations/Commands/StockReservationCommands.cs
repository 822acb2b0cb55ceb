using WeeEvents.Services.Inventory.Domain;
using FluentValidation;
using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Reservations.Commands;

/// <summary>Records that every line of the order is held.</summary>
public static class ConfirmReservation
{
    /// <summary>The command name.</summary>
    public const string Name = "confirm-reservation";

    /// <summary>The payload.</summary>
    /// <param name="Lines">What is held, one line per SKU.</param>
    /// <param name="Total">What the order costs at catalogue prices.</param>
    /// <param name="CustomerId">Whose order it is: the reservation's owner.</param>
    public sealed record Command(IReadOnlyList<ReservationLine> Lines, Money Total, string? CustomerId = null);

    /// <summary>1 to 50 lines, each with a SKU and a quantity above zero.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Lines).NotNull().Must(l => l is { Count: >= 1 and <= ContractLimits.MaxLines }).WithMessage($"A reservation has 1 to {ContractLimits.MaxLines} lines.");
            RuleForEach(c => c.Lines).ChildRules(line =>
            {
                line.RuleFor(l => l.Sku).NotEmpty();
                line.RuleFor(l => l.Quantity).InclusiveBetween(1, Domain.Commands.ReserveStock.MaxQuantity);
            });
            RuleFor(c => c.Total).NotNull();
        }
    }
}

/// <summary>Records that the order could not be reserved.</summary>
public static class FailReservation
{
    /// <summary>The command name.</summary>
    public const string Name = "fail-reservation";

    /// <summary>The payload.</summary>
    /// <param name="Shortages">The lines that were short or unknown.</param>
    /// <param name="Reason">Why, one of <see cref="ReservationFailureReasons"/>.</param>
    /// <param name="Prices">The lines quoted a price that is not the catalogue's, or that have none.</param>
    /// <param name="CustomerId">Whose order it is: the reservation's owner.</param>
    public sealed record Command(IReadOnlyList<Shortage> Shortages, string Reason, IReadOnlyList<PriceDifference> Prices, string? CustomerId = null);

    /// <summary>A reason, and at least one shortage or price difference to show for it.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty();
            RuleFor(c => c).Must(c => c.Shortages is { Count: > 0 } || c.Prices is { Count: > 0 }).WithMessage("A failure names its short lines or its prices.");
        }
    }
}

/// <summary>Records that the order was paid and its units sold.</summary>
public static class CommitReservation
{
    /// <summary>The command name.</summary>
    public const string Name = "commit-reservation";

    /// <summary>The payload.</summary>
    /// <param name="Paid">What the payment says was charged; checked against the reservation's total at catalogue prices.</param>
    public sealed record Command(Money? Paid = null);

    /// <summary>Nothing to check.</summary>
    public sealed class Validator : AbstractValidator<Command>;
}

/// <summary>Records that the order's units went back, or, before any decision, that none will ever be held.</summary>
public static class ReleaseReservation
{
    /// <summary>The command name.</summary>
    public const string Name = "release-reservation";

    /// <summary>The payload.</summary>
    /// <param name="Reason">Why (payment failed, order cancelled).</param>
    public sealed record Command(string Reason);

    /// <summary>Reason required.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}
