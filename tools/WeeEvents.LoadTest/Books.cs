namespace WeeEvents.LoadTest;

/// <summary>
/// The stock check after a run: for every SKU, what was committed equals what completed orders bought, nothing
/// is left reserved, and available went down by exactly that. Commits trail completions (Inventory hears the
/// payment while Shipping schedules), so the check is repeated until it holds or the deadline passes.
/// </summary>
internal sealed class Books(ServiceApi api, int skus)
{
    public async Task<IReadOnlyDictionary<string, StockLevels>> ReadAsync(CancellationToken cancellationToken)
    {
        var levels = await Task.WhenAll(Enumerable.Range(0, skus).Select(async i =>
        {
            var sku = OrderFeed.Sku(i);
            return (sku, await api.StockAsync(sku, cancellationToken));
        }));
        return levels.ToDictionary(l => l.sku, l => l.Item2, StringComparer.Ordinal);
    }

    /// <summary>Returns the SKUs that do not balance (empty when the books are right).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(
        IReadOnlyDictionary<string, StockLevels> before,
        int restocked,
        IEnumerable<OrderResult> results,
        TimeSpan deadline,
        CancellationToken cancellationToken)
    {
        var bought = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in results.Where(r => r.Outcome == OrderOutcome.Completed).SelectMany(r => r.Order.Lines))
        {
            bought[line.Sku] = bought.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        List<string> wrong;
        while (true)
        {
            var after = await ReadAsync(cancellationToken);
            wrong = [];
            foreach (var (sku, was) in before)
            {
                var units = bought.GetValueOrDefault(sku);
                var expected = new StockLevels(was.Available + restocked - units, was.Reserved, was.Committed + units);
                var now = after[sku];
                if (now != expected)
                {
                    wrong.Add($"{sku}: expected {expected}, found {now}");
                }
            }

            if (wrong.Count == 0 || timeout.IsCancellationRequested)
            {
                return wrong;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The deadline passed: one last reading decides.
            }
        }
    }
}
