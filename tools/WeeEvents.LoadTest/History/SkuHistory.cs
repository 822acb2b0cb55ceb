using WeeEvents.Services.Inventory.Domain.Events;

namespace WeeEvents.LoadTest.History;

/// <summary>
/// The past of one SKU, as a year of trading leaves it: stocked and priced once, then orders reserving and buying one
/// unit each. It ends with nothing reserved and the catalogue price the load test's orders quote, so a run on top of it
/// behaves as on a fresh SKU, only with a long stream behind it.
/// </summary>
internal static class SkuHistory
{
    /// <summary><paramref name="count"/> events for the SKU at <paramref name="index"/> (at least two).</summary>
    public static IEnumerable<DomainEvent> Events(int index, int count)
    {
        // Enough units for every sale in the history: the load test restocks its own on top.
        yield return DomainEvent.Create(ItemRestocked.Name, new ItemRestocked.Data(count));
        yield return DomainEvent.Create(PriceSet.Name, new PriceSet.Data(OrderFeed.Price(index), "EUR"));
        var written = 2;
        for (var order = 0; written + 2 <= count; order++, written += 2)
        {
            var orderId = $"history-{index:D3}-{order:D7}";
            yield return DomainEvent.Create(StockReserved.Name, new StockReserved.Data(orderId, 1));
            yield return DomainEvent.Create(StockCommitted.Name, new StockCommitted.Data(orderId, 1));
        }

        if (written < count)
        {
            yield return DomainEvent.Create(ItemRestocked.Name, new ItemRestocked.Data(1));
        }
    }
}
