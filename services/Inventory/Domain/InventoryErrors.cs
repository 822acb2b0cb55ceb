using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Domain;

/// <summary>The SKU was never restocked: nothing can be reserved from it.</summary>
public sealed class UnknownSku(AggregateId item, string operation)
    : DomainRuleViolation(item, "uninitialized", operation, $"SKU {item.Key} is unknown: it was never restocked.");

/// <summary>Not enough available units: available never goes below zero.</summary>
public sealed class InsufficientStock(AggregateId item, int available, int requested)
    : DomainRuleViolation(item, "stocked", "reserve-stock", $"SKU {item.Key} has {available} available; cannot reserve {requested}.")
{
    /// <summary>Units available at the time.</summary>
    public int Available { get; } = available;

    /// <summary>Units asked for.</summary>
    public int Requested { get; } = requested;
}

/// <summary>
/// A restock would take the SKU past <see cref="InventoryItemState.Stocked.MaxStock"/> units (available + reserved +
/// committed): refused rather than let a count overflow.
/// </summary>
public sealed class StockLimitExceeded(AggregateId item, int stock, int restocking)
    : DomainRuleViolation(
        item,
        "stocked",
        "restock",
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"SKU {item.Key} holds {stock:N0} units; restocking {restocking:N0} would take it past the limit of {InventoryItemState.Stocked.MaxStock:N0}."))
{
    /// <summary>Units the SKU held (available + reserved + committed).</summary>
    public int Stock { get; } = stock;

    /// <summary>Units the restock would have added.</summary>
    public int Restocking { get; } = restocking;
}

/// <summary>The SKU has no catalogue price yet (<c>set-price</c>): it cannot be ordered, since nobody could say what it costs.</summary>
public sealed class PriceNotSet(AggregateId item, string operation)
    : DomainRuleViolation(item, "stocked", operation, $"SKU {item.Key} has no price: set one (set-price) before it can be ordered.");

/// <summary>The order was quoted another price than the SKU's catalogue price (it was set since the order saw it).</summary>
public sealed class PriceChanged(AggregateId item, Money catalogue, Money quoted)
    : DomainRuleViolation(item, "stocked", "reserve-stock", $"SKU {item.Key} costs {catalogue}, not {quoted}.")
{
    /// <summary>The SKU's catalogue price.</summary>
    public Money Catalogue { get; } = catalogue;

    /// <summary>The price the order quoted.</summary>
    public Money Quoted { get; } = quoted;
}
