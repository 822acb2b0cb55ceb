namespace WeeEvents.LoadTest;

/// <summary>One line of a generated order.</summary>
internal sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>A generated order: its id and 1–3 lines on distinct SKUs.</summary>
internal sealed record GeneratedOrder(string OrderId, IReadOnlyList<OrderLine> Lines);

/// <summary>The orders of a run, drawn from a seeded generator so two runs place the same mix.</summary>
internal sealed class OrderFeed(string runId, int skus, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private int _next;

    public static string Sku(int index) => $"sku-{index:D3}";

    /// <summary>
    /// The catalogue price of a SKU, set at Inventory before the run: 1.00 to 50.99 EUR, fixed per SKU so that every
    /// order quotes the price Inventory charges.
    /// </summary>
    public static decimal Price(int index) => 1m + (index * 37 % 5000) / 100m;

    public GeneratedOrder Next(string phase)
    {
        lock (_lock)
        {
            var id = $"{runId}-{phase}-{_next++:D6}";
            var count = _random.Next(1, 4);
            var lines = new List<OrderLine>(count);
            var used = new HashSet<int>();
            while (lines.Count < count)
            {
                var sku = _random.Next(skus);
                if (used.Add(sku))
                {
                    lines.Add(new OrderLine(Sku(sku), _random.Next(1, 4), Price(sku)));
                }
            }

            return new GeneratedOrder(id, lines);
        }
    }
}
