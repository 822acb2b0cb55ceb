using WeeEvents.Demo.Orders;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Inventory.Domain;

namespace WeeEvents.Demo.Checks;

/// <summary>One SKU's books at the end of a run.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Stocked">Units the demo restocked.</param>
/// <param name="Available">Units free.</param>
/// <param name="Reserved">Units held for orders.</param>
/// <param name="Committed">Units sold.</param>
/// <param name="Sold">Units in completed orders.</param>
/// <param name="Problem">What does not add up; null when everything does.</param>
public sealed record StockLine(string Sku, int Stocked, int Available, int Reserved, int Committed, int Sold, string? Problem);

/// <summary>
/// Stock adds up for every SKU: available + reserved + committed = what was restocked; nothing is reserved once
/// every order is terminal; what is committed is exactly what completed orders bought; the unknown SKU stays unknown.
/// </summary>
public sealed class StockCheck(IService<InventoryItemState> items, DemoCatalogue catalogue, OrderTracker tracker)
{
    /// <summary>The check's name in the report.</summary>
    public const string Name = "stock adds up for every SKU";

    /// <summary>Reads every SKU and compares its books with the orders' ends.</summary>
    public async Task<IReadOnlyList<StockLine>> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<StockLine>();
        foreach (var product in catalogue.Stocked)
        {
            var sold = tracker.Plans
                .Where(p => tracker.EndOf(p.OrderId)?.Outcome == OrderOutcome.Completed)
                .SelectMany(p => p.Command.Lines)
                .Where(l => l.Sku == product.Sku)
                .Sum(l => l.Quantity);
            var state = await StateOrNullAsync(product.Sku, cancellationToken);
            lines.Add(state switch
            {
                InventoryItemState.Stocked s => new StockLine(product.Sku, product.Stock, s.Available, s.Reserved, s.Committed, sold, Problem(product, s, sold)),
                _ => new StockLine(product.Sku, product.Stock, 0, 0, 0, sold, "never restocked"),
            });
        }

        var unknown = await StateOrNullAsync(catalogue.Unknown.Sku, cancellationToken);
        lines.Add(new StockLine(catalogue.Unknown.Sku, 0, 0, 0, 0, 0, unknown is null or InventoryItemState.Uninitialized ? null : $"{unknown.Name}: an unknown SKU got stock"));
        return lines;
    }

    private async Task<InventoryItemState?> StateOrNullAsync(string sku, CancellationToken cancellationToken)
    {
        try
        {
            return (await items.LoadAsync(Sku(sku), cancellationToken)).State;
        }
        catch (EntityNotAvailable)
        {
            return null;
        }
    }

    /// <summary>The check over <paramref name="lines"/>.</summary>
    public static DemoCheck Evaluate(IReadOnlyList<StockLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var problems = lines.Where(l => l.Problem is not null).Select(l => $"{l.Sku}: {l.Problem}").ToList();
        return problems.Count == 0
            ? new DemoCheck(Name, true, $"{lines.Count} SKUs: available + reserved + committed = stocked, nothing left reserved, committed = units of completed orders")
            : new DemoCheck(Name, false, string.Join("; ", problems));
    }

    private static string? Problem(DemoProduct product, InventoryItemState.Stocked s, int sold)
    {
        var problems = new List<string>();
        if (s.Available < 0)
        {
            problems.Add($"available is negative ({s.Available})");
        }

        if (s.Available + s.Reserved + s.Committed != product.Stock)
        {
            problems.Add($"available {s.Available} + reserved {s.Reserved} + committed {s.Committed} != stocked {product.Stock}");
        }

        if (s.Reserved != 0 || s.Reservations.Count != 0)
        {
            problems.Add($"{s.Reserved} units still reserved for {string.Join(", ", s.Reservations.Keys)}");
        }

        if (s.Committed != sold)
        {
            problems.Add($"committed {s.Committed} != {sold} units in completed orders");
        }

        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    private static AggregateId Sku(string sku) => new(InventoryItemService.EntityType, sku);
}
