namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A hundred orders at once on five SKUs of ten units each: about three times more units are ordered than there
/// are, and one order in ten has a card that is declined. Every order must end, none oversold, every unit and every
/// euro accounted for.
/// </summary>
public static class ScarceStock
{
    public static async Task HundredOrdersOnFiveSkusAsync(this OrderSystem system, int seed, TimeSpan timeout)
    {
        const int StockPerSku = 10;
        var skus = Enumerable.Range(0, 5).Select(_ => Ids.New("sku")).ToArray();
        foreach (var sku in skus)
        {
            await system.StockAndPriceAsync(sku, StockPerSku, 3.5m);
        }

        var random = new Random(seed);
        var orders = Enumerable.Range(0, 100).ToDictionary(
            _ => Ids.New("order"),
            i => PlaceOrder.Of(
                i % 10 == 9 ? "tok_decline" : "tok_visa",
                [.. skus.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Select(sku => new OrderLine(sku, 1 + random.Next(2), 3.5m))]));

        await Task.WhenAll(orders.Select(o => system.PlaceAsync(o.Key, o.Value)));

        var ends = await system.AwaitEndsAsync(orders.Keys, timeout);
        var outcomes = ends.Values.GroupBy(e => e.Status()).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(outcomes.GetValueOrDefault("completed") > 0, $"some orders complete: {string.Join(", ", outcomes)}");
        Assert.True(outcomes.GetValueOrDefault("rejected") > 0, $"scarce stock rejects some orders: {string.Join(", ", outcomes)}");
        await system.AssertBalancedAsync(skus.ToDictionary(s => s, _ => StockPerSku), orders, ends);
    }
}
