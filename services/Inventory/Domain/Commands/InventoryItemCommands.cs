using System.ComponentModel;
using FluentValidation;
using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Domain.Commands;

/// <summary>
/// Adds units of the SKU; the first restock makes it known. A SKU holds at most
/// <see cref="InventoryItemState.Stocked.MaxStock"/> units: a restock past that is refused (<see cref="StockLimitExceeded"/>).
/// </summary>
[Description("Restock an item. Adds 1 to 1,000,000 units to the SKU's available stock; the first restock makes the SKU " +
    "known. A SKU holds at most 1,000,000,000 units (available + reserved + committed): a restock past that is refused with 409.")]
public static class Restock
{
    /// <summary>A delivery as a client sends it (the documentation's example body).</summary>
    public static readonly Command Example = new(100);

    /// <summary>The command name.</summary>
    public const string Name = "restock";

    /// <summary>The payload.</summary>
    /// <param name="Quantity">Units arriving: 1 to 1,000,000.</param>
    public sealed record Command(int Quantity);

    /// <summary>The most units one restock may bring.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>Quantity 1 to 1,000,000.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Quantity).InclusiveBetween(1, MaxQuantity);
    }
}

/// <summary>
/// Sets the SKU's catalogue price: what every order is charged for one unit from now on. Inventory owns prices; a
/// client's <c>unitPrice</c> is only the price it saw, checked against this one when the order is reserved.
/// </summary>
[Description("Set an item's price. The catalogue price of one unit (above zero, at most 1,000,000.00, at most two " +
    "decimals) in an ISO 4217 currency. Orders are charged from it; an order quoting another price is rejected (`price-changed`).")]
public static class SetPrice
{
    /// <summary>A price as a client sends it (the documentation's example body).</summary>
    public static readonly Command Example = new(9.99m, "EUR");

    /// <summary>The command name.</summary>
    public const string Name = "set-price";

    /// <summary>The payload.</summary>
    /// <param name="Amount">The price of one unit: above zero, at most 1,000,000.00, at most two decimals.</param>
    /// <param name="Currency">ISO 4217 currency: three upper-case letters.</param>
    public sealed record Command(decimal Amount, string Currency);

    /// <summary>The highest unit price: 1,000,000.00, the same bound Order puts on the price a client quotes.</summary>
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>Amount above zero, at most <see cref="MaxAmount"/>, two decimals at most; an ISO 4217 currency.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(MaxAmount)
                .Must(a => decimal.Round(a, 2) == a).WithMessage("Amount has at most two decimals.");
            RuleFor(c => c.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code: three upper-case letters.");
        }
    }
}

/// <summary>
/// Holds units for an order, keyed by order id: reserving for the same order twice is a no-op. It carries the price
/// the reservation checked, so a price set since the check refuses it rather than let the order through at a stale price.
/// </summary>
public static class ReserveStock
{
    /// <summary>The command name.</summary>
    public const string Name = "reserve-stock";

    /// <summary>The payload.</summary>
    /// <param name="OrderId">The order the units are for.</param>
    /// <param name="Quantity">Units to hold (an order's lines for one SKU, summed).</param>
    /// <param name="Price">The catalogue price the order is charged, as the reservation read it.</param>
    public sealed record Command(string OrderId, int Quantity, Money Price);

    /// <summary>The most units one order may hold of a SKU: 50 lines of 1,000.</summary>
    public const int MaxQuantity = 50_000;

    /// <summary>An order id that is a valid key; quantity 1 to 50,000; a price.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.OrderId).AggregateKey();
            RuleFor(c => c.Quantity).InclusiveBetween(1, MaxQuantity);
            RuleFor(c => c.Price).NotNull();
        }
    }
}

/// <summary>Gives back the units an order holds reserved.</summary>
public static class ReleaseStock
{
    /// <summary>The command name.</summary>
    public const string Name = "release-stock";

    /// <summary>The payload.</summary>
    /// <param name="OrderId">The order.</param>
    public sealed record Command(string OrderId);

    /// <summary>An order id that is a valid key.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.OrderId).AggregateKey();
    }
}

/// <summary>
/// Takes back units sold to an order that was cancelled after its payment went through. The SKU keeps no record of each
/// sale (its state stays bounded), so the command says how many: the order's reservation knows.
/// </summary>
public static class ReturnStock
{
    /// <summary>The command name.</summary>
    public const string Name = "return-stock";

    /// <summary>The payload.</summary>
    /// <param name="OrderId">The order.</param>
    /// <param name="Quantity">The units it bought of this SKU.</param>
    public sealed record Command(string OrderId, int Quantity);

    /// <summary>An order id that is a valid key; quantity 1 to 50,000.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.OrderId).AggregateKey();
            RuleFor(c => c.Quantity).InclusiveBetween(1, ReserveStock.MaxQuantity);
        }
    }
}

/// <summary>Turns an order's reserved units into sold ones (it was paid).</summary>
public static class CommitStock
{
    /// <summary>The command name.</summary>
    public const string Name = "commit-stock";

    /// <summary>The payload.</summary>
    /// <param name="OrderId">The order.</param>
    public sealed record Command(string OrderId);

    /// <summary>An order id that is a valid key.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.OrderId).AggregateKey();
    }
}
