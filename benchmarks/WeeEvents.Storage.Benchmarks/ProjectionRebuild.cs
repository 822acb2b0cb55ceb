using System.Diagnostics;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Events;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>
/// <c>rebuild [orders] [postgres|sqlite]</c>: writes the events of that many completed orders (placed, stock reserved,
/// paid, completed: four each) through the framework's own append path, a hundred orders per unit of work, then times
/// the Order service's <see cref="OrderSummaries"/> projection replaying all of them from position zero. One run, one
/// figure: a rebuild is a one-off job, not a steady state for BenchmarkDotNet to sample.
/// </summary>
internal static class ProjectionRebuild
{
    private const int OrdersPerCommit = 100;

    public static async Task<int> RunAsync(int orders, DatabaseProvider provider)
    {
        await using var database = new BenchmarkDatabase(provider);
        await using var storage = WeeEventsStorage.Create(database.Provider, database.ConnectionString, projections: [OrderSummaries.Description]);
        await storage.EnsureSchemaAsync();

        var seeding = Stopwatch.StartNew();
        var details = new OrderDetails("customer-1", "EUR", [new OrderLine("sku-1", 2, 9.99m), new OrderLine("sku-2", 1, 24.50m)],
            new ShippingAddress("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB"), "tok_visa");
        for (var first = 0; first < orders; first += OrdersPerCommit)
        {
            await using var unit = await storage.UnitsOfWork.BeginAsync(CancellationToken.None);
            for (var i = first; i < Math.Min(orders, first + OrdersPerCommit); i++)
            {
                await unit.Events.AppendAsync(new AggregateId("order", $"order-{i:D7}"),
                [
                    DomainEvent.Create(OrderPlaced.Name, new OrderPlaced.Data(details, details.Total)),
                    DomainEvent.Create(OrderStockReserved.Name, new OrderStockReserved.Data()),
                    DomainEvent.Create(OrderPaid.Name, new OrderPaid.Data($"payment.order-{i:D7}", details.Total, $"txn-{i}")),
                    DomainEvent.Create(OrderCompleted.Name, new OrderCompleted.Data("Royal Mail", $"RM{i}")),
                ], new AppendOptions { ExpectedRevision = ExpectedRevision.New });
            }

            await unit.CommitAsync(CancellationToken.None);
            if ((first / OrdersPerCommit) % 100 == 99)
            {
                Console.WriteLine($"  wrote {first + OrdersPerCommit:N0} orders");
            }
        }

        Console.WriteLine($"seeded {orders:N0} orders ({orders * 4L:N0} events) in {seeding.Elapsed.TotalSeconds:N1} s");
        var replay = Stopwatch.StartNew();
        var read = await storage.CatchUpAsync(OrderSummaries.Name);
        replay.Stop();
        Console.WriteLine(
            $"provider={provider} orders={orders} events={read} rebuild_seconds={replay.Elapsed.TotalSeconds:F1} events_per_sec={read / replay.Elapsed.TotalSeconds:F0}");
        return read == orders * 4L ? 0 : 1;
    }
}
