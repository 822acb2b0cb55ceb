using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Inventory.Domain;
using StockLevelsReadModel = WeeEvents.Services.Inventory.ReadModel.StockLevels;

namespace WeeEvents.LoadTest.History;

/// <summary>
/// <c>seed-history</c>: gives each of the load test's SKUs a past in Inventory's database before the services start,
/// through the framework's own append path (<see cref="IEventStore.AppendAsync"/> of the EF Core storage, a batch of
/// events per transaction, each expecting the revision the last one left), and leaves what a running service would have
/// left on the way: the snapshots it would have taken, and its read model (<c>stock_levels</c>) caught up. A run then
/// measures a shop after a year, not one replaying its year into its caches and projections during the measurement.
/// </summary>
internal static class HistorySeeder
{
    public static async Task<int> RunAsync(SeedHistoryOptions options, CancellationToken cancellationToken)
    {
        await using var storage = WeeEventsStorage.Create(options.Provider, options.ConnectionString, projections: [StockLevelsReadModel.Projection]);
        await storage.EnsureSchemaAsync(cancellationToken);
        var snapshots = (ISnapshotStore)storage.Events;
        var total = (long)options.Events * options.Skus;
        var clock = Stopwatch.StartNew();
        var seeded = TimeSpan.Zero;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[bold]seed-history[/]: {0} SKUs × {1:N0} events ({2:N0}) into Inventory's {3} database",
            options.Skus, options.Events, total, options.Provider);

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var progress = ctx.AddTask("history", maxValue: total);
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, options.Skus),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                    async (index, ct) => await SeedSkuAsync(storage.Events, snapshots, index, options, events => progress.Increment(events), ct));

                seeded = clock.Elapsed;

                // As the service's projection would have, batch after batch from the first event.
                var readModel = ctx.AddTask($"read model {StockLevelsReadModel.Projection.Name}").IsIndeterminate();
                await storage.CatchUpAsync(StockLevelsReadModel.Projection.Name, cancellationToken);
                readModel.Value = readModel.MaxValue;
                readModel.StopTask();
            });

        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "seeded {0:N0} events in {1:N1} s ({2:N0} events/s); the read model caught up in {3:N1} s",
            total, seeded.TotalSeconds, total / seeded.TotalSeconds, (clock.Elapsed - seeded).TotalSeconds);
        return 0;
    }

    private static async Task SeedSkuAsync(IEventStore store, ISnapshotStore snapshots, int index, SeedHistoryOptions options, Action<int> progressed, CancellationToken cancellationToken)
    {
        var sku = InventoryItemService.Description.Id(OrderFeed.Sku(index));
        var loader = InventoryItemService.Loader;
        var entity = new Entity<InventoryItemState>(sku, Revision.Initial, loader.Initial(sku));
        var metadata = new EventMetadata { CorrelationId = "seed-history", Actor = "seed-history" };
        foreach (var batch in SkuHistory.Events(index, options.Events).Chunk(options.Batch))
        {
            // Expecting the revision the last batch left: a SKU that has a past already is refused, not doubled.
            var recorded = await store.AppendAsync(sku, batch, new AppendOptions { ExpectedRevision = ExpectedRevision.At(entity.Revision), Metadata = metadata }, cancellationToken);
            var state = entity.State;
            foreach (var e in recorded)
            {
                loader.TryApply(ref state, e);
            }

            var before = entity.Revision;
            entity = entity with { Revision = recorded[^1].Revision, State = state };
            if (loader.Snapshots is { } policy && policy.IsDue(before, entity.Revision))
            {
                await snapshots.SaveAsync(loader.SnapshotOf(entity, recorded[^1].EventId), cancellationToken);
            }

            progressed(recorded.Count);
        }
    }
}
