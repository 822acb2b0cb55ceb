namespace WeeEvents.Storage.Benchmarks;

/// <summary>Events shaped like the order flow's: a few hundred bytes of JSON with metadata.</summary>
internal static class SampleEvents
{
    public static readonly EventMetadata Metadata = new()
    {
        CorrelationId = "0190f5a2-7c1e-7d3a-9b1f-3c2d4e5f6a7b",
        CausationId = "0190f5a2-7c1e-7d3a-9b1f-3c2d4e5f6a7c",
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        Actor = "customer-42",
    };

    public static DomainEvent LineAdded(int n) => DomainEvent.Create("line-added", new
    {
        line = n,
        sku = $"sku-{n % 97}",
        quantity = (n % 5) + 1,
        unitPrice = 9.99m + n,
        currency = "EUR",
        note = "Deliver to the side door, please.",
    });
}
