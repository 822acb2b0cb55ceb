using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Events;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>
/// <c>replay [events] [postgres|sqlite]</c>: writes one SKU stream of that many events (a restock, a price, then orders
/// reserving and buying a unit each) through the framework's own append path, a hundred events per transaction, then
/// times a cold load of it (no entity kept in the process, as after a restart or on another instance) by Inventory's
/// service: without a snapshot (the whole stream read and folded), with the snapshot a running service leaves (the
/// latest multiple of <see cref="InventoryItemService.SnapshotEvery"/> below the end: the longest tail a load folds),
/// a time-travel load to the middle of the stream from the snapshot below it, and a warm load (the entity kept by the
/// process, as every load after the first finds it: one event read to check it). One figure each: the median of
/// five loads. A one-off measurement, not a BenchmarkDotNet run, as the rebuild is: seeding a million events is minutes.
/// </summary>
internal static class SnapshotReplay
{
    // What the storage writes on PostgreSQL as one multi-row insert: the fastest way through the append path.
    private const int Batch = 100;
    private const int Repeats = 5;

    public static async Task<int> RunAsync(int events, DatabaseProvider provider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 2 * InventoryItemService.SnapshotEvery);
        await using var database = new BenchmarkDatabase(provider);
        await using var storage = WeeEventsStorage.Create(database.Provider, database.ConnectionString);
        await storage.EnsureSchemaAsync();
        var sku = InventoryItemService.Description.Id("sku-replay");

        var seeding = Stopwatch.StartNew();
        // Only the ids are kept (a snapshot names the event it was folded up to), not a million events' data.
        var eventIds = new List<Guid>(events);
        foreach (var batch in History(events).Chunk(Batch))
        {
            var recorded = await storage.Events.AppendAsync(sku, batch, new AppendOptions { ExpectedRevision = ExpectedRevision.At(new Revision(eventIds.Count)) });
            eventIds.AddRange(recorded.Select(e => e.EventId));
        }

        Console.WriteLine($"seeded one SKU stream of {events:N0} events in {seeding.Elapsed.TotalSeconds:N1} s");

        // Without a snapshot: a store that keeps none (nor entities), so the service folds the whole stream.
        var whole = InventoryItemService.Description.CreateService(new WithoutSnapshots(storage.Events));
        var (wholeMs, wholeEntity) = await MedianAsync(() => whole.LoadAsync(sku));

        // With the snapshot a running service would have left: at the last multiple of the policy below the end.
        var every = InventoryItemService.SnapshotEvery;
        var at = (events - 1) / every * every;
        var snapshotted = await whole.LoadAsync(sku, new Revision(at));
        await ((ISnapshotStore)storage.Events).SaveAsync(InventoryItemService.Loader.SnapshotOf(snapshotted, eventIds[at - 1]));
        var middle = at / 2 / every * every;
        await ((ISnapshotStore)storage.Events).SaveAsync(InventoryItemService.Loader.SnapshotOf(await whole.LoadAsync(sku, new Revision(middle)), eventIds[middle - 1]));
        var tail = InventoryItemService.Description.CreateService(new WithoutEntities(storage.Events));
        var (snapshotMs, tailEntity) = await MedianAsync(() => tail.LoadAsync(sku));
        var (travelMs, _) = await MedianAsync(() => tail.LoadAsync(sku, new Revision(middle + every - 1)));

        // Warm: the entity the storage kept, as every load after the first (a GET, a message) finds it.
        var warm = InventoryItemService.Description.CreateService(storage.Events);
        await warm.LoadAsync(sku);
        var (warmMs, _) = await MedianAsync(() => warm.LoadAsync(sku));

        var same = JsonSerializer.Serialize(wholeEntity.State, WeeEventsJson.Options) == JsonSerializer.Serialize(tailEntity.State, WeeEventsJson.Options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"provider={provider} events={events} full_load_ms={wholeMs:F1} snapshot_load_ms={snapshotMs:F1} tail_events={events - at} time_travel_ms={travelMs:F1} warm_load_ms={warmMs:F2} same_state={same.ToString().ToLowerInvariant()}"));
        return same ? 0 : 1;
    }

    private static async Task<(double Ms, Entity<InventoryItemState> Entity)> MedianAsync(Func<Task<Entity<InventoryItemState>>> load)
    {
        var times = new List<double>(Repeats);
        Entity<InventoryItemState>? entity = null;
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            entity = await load();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[Repeats / 2], entity!);
    }

    /// <summary>A SKU's past: stocked and priced, then orders reserving and buying one unit each.</summary>
    private static IEnumerable<DomainEvent> History(int count)
    {
        yield return DomainEvent.Create(ItemRestocked.Name, new ItemRestocked.Data(count));
        yield return DomainEvent.Create(PriceSet.Name, new PriceSet.Data(9.99m, "EUR"));
        for (var written = 2; written < count; written++)
        {
            var order = $"order-{written / 2:D7}";
            yield return written % 2 == 0
                ? DomainEvent.Create(StockReserved.Name, new StockReserved.Data(order, 1))
                : DomainEvent.Create(StockCommitted.Name, new StockCommitted.Data(order, 1));
        }
    }

    /// <summary>The event store with its snapshots kept but its memory of entities hidden: every load starts from a snapshot.</summary>
    private sealed class WithoutEntities(IEventStore inner) : IEventStore, ISnapshotStore
    {
        private readonly ISnapshotStore _snapshots = (ISnapshotStore)inner;

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(aggregate, events, options, cancellationToken);

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(aggregate, options, cancellationToken);

        public Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default) =>
            _snapshots.LatestAsync(aggregate, stateVersion, upTo, cancellationToken);

        public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => _snapshots.SaveAsync(snapshot, cancellationToken);

        public void Offer(Snapshot snapshot) => _snapshots.Offer(snapshot);
    }

    /// <summary>The event store with its snapshots (and entities) hidden: what a service folds without them.</summary>
    private sealed class WithoutSnapshots(IEventStore inner) : IEventStore
    {
        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(aggregate, events, options, cancellationToken);

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(aggregate, options, cancellationToken);
    }
}
