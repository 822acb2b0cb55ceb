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
