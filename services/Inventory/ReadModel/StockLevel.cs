namespace WeeEvents.Services.Inventory.ReadModel;

/// <summary>One SKU's stock as the read side keeps it.</summary>
public sealed class StockLevel
{
    /// <summary>The SKU (the <c>{sku}</c> of <c>/inventory-item/{sku}</c>).</summary>
    public required string Sku { get; set; }

    /// <summary>Units that can be reserved.</summary>
    public int Available { get; set; }

    /// <summary>Units held for orders awaiting payment.</summary>
    public int Reserved { get; set; }

    /// <summary>Units sold to paid orders.</summary>
    public int Committed { get; set; }

    /// <summary>The catalogue price of one unit; null until one is set.</summary>
    public decimal? Price { get; set; }

    /// <summary>The price's ISO 4217 currency; null until a price is set.</summary>
    public string? Currency { get; set; }

    /// <summary>When the stock or price last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
