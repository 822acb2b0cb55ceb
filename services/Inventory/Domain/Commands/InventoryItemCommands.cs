using System.ComponentModel;
using FluentValidation;

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

/// <summary>Holds units for an order, keyed by order id: reserving for the same order twice is a no-op.</summary>
public static class ReserveStock
{
    /// <summary>The command name.</summary>
    public const string Name = "reserve-stock";

    /// <summary>The payload.</summary>
    /// <param name="OrderId">The order the units are for.</param>
    /// <param name="Quantity">Units to hold (an order's lines for one SKU, summed).</param>
    public sealed record Command(string OrderId, int Quantity);

    /// <summary>The most units one order may hold of a SKU: 50 lines of 1,000.</summary>
    public const int MaxQuantity = 50_000;

    /// <summary>An order id that is a valid key; quantity 1 to 50,000.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.OrderId).AggregateKey();
            RuleFor(c => c.Quantity).InclusiveBetween(1, MaxQuantity);
        }
    }
}

/// <summary>Gives back what an order holds: reserved units, or committed ones if it was cancelled after payment.</summary>
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
