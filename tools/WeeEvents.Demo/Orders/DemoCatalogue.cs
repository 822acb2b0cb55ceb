namespace WeeEvents.Demo.Orders;

/// <summary>A SKU the demo sells.</summary>
/// <param name="Sku">The SKU (prefixed with the run's tag, so a reused database starts every run from fresh stock).</param>
/// <param name="UnitPrice">The price of one unit: set at Inventory (<c>set-price</c>), and quoted by every order of it.</param>
/// <param name="Stock">Units restocked before the orders; 0 for the SKU nobody stocks.</param>
public sealed record DemoProduct(string Sku, decimal UnitPrice, int Stock);

/// <summary>
/// The SKUs of one run: eight with stock for every order, one scarce SKU with stock for about half of the orders
/// that ask for it, and one nobody stocks.
/// </summary>
public sealed class DemoCatalogue
{
    /// <summary>The currency of every price (set at Inventory with <c>set-price</c>) and of every order.</summary>
    public const string Currency = "EUR";

    /// <summary>Units of the scarce SKU each scarce order asks for.</summary>
    public const int ScarceUnitsPerOrder = 2;

    /// <summary>The most units of one plentiful SKU an order asks for.</summary>
    public const int MaxUnitsPerLine = 3;

    private DemoCatalogue(IReadOnlyList<DemoProduct> plentiful, DemoProduct scarce, DemoProduct unknown)
    {
        Plentiful = plentiful;
        Scarce = scarce;
        Unknown = unknown;
    }

    /// <summary>SKUs stocked for every order.</summary>
    public IReadOnlyList<DemoProduct> Plentiful { get; }

    /// <summary>The SKU that runs out.</summary>
    public DemoProduct Scarce { get; }

    /// <summary>The SKU nobody stocks.</summary>
    public DemoProduct Unknown { get; }

    /// <summary>The SKUs that are restocked.</summary>
    public IEnumerable<DemoProduct> Stocked => [.. Plentiful, Scarce];

    /// <summary>The catalogue for <paramref name="orders"/> orders, <paramref name="scarceOrders"/> of them for the scarce SKU.</summary>
    public static DemoCatalogue For(string tag, int orders, int scarceOrders)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        // Each order has at most one line per plentiful SKU, so this never runs short.
        var plenty = orders * MaxUnitsPerLine;
        return new DemoCatalogue(
            [
                new($"{tag}-kettle", 39.90m, plenty),
                new($"{tag}-teapot", 24.50m, plenty),
                new($"{tag}-mug", 8.99m, plenty),
                new($"{tag}-tea-tin", 6.25m, plenty),
                new($"{tag}-strainer", 4.75m, plenty),
                new($"{tag}-cosy", 12.00m, plenty),
                new($"{tag}-saucer", 5.50m, plenty),
                new($"{tag}-sugar-bowl", 14.20m, plenty),
            ],
            new($"{tag}-cast-iron-pan", 54.00m, Math.Max(ScarceUnitsPerOrder, scarceOrders)),
            new($"{tag}-unobtainium", 999.99m, 0));
    }
}
