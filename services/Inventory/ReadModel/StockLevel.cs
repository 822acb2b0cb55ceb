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

    /// <summary>When the stock last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
