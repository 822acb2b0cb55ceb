using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.EntityFrameworkCore.Tests.Support;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>Subscriptions and projections: every event applied once, in commit order, whatever commits late or fails.</summary>
public abstract partial class DurableStorageContract
{
    private async Task<WeeEventsStorage> OpenWithTotalsAsync(ItemTotals totals) =>
        await OpenAsync(projections: [totals.Description]);

    private static async Task<Dictionary<string, (int Events, long Sum, long LastRevision)>> TotalsAsync(WeeEventsStorage storage)
    {
        var contexts = storage.Services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        return await db.Set<ItemTotal>().ToDictionaryAsync(t => t.AggregateKey, t => (t.Events, t.Sum, t.LastRevision), Ct);
    }

    private static async Task<Dictionary<string, (int, long, long)>> AppendItemsAsync(WeeEventsStorage storage, int aggregates, int perAggregate)
    {
        var expected = new Dictionary<string, (int, long, long)>();
        for (var a = 0; a < aggregates; a++)
        {
            var aggregate = NewAggregate();
            for (var i = 1; i <= perAggregate; i++)
            {
                await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(i), ItemMapper.Note("between")], AppendOptions.Default, Ct);
            }

            expected[aggregate.Key] = (perAggregate, perAggregate * (perAggregate + 1L) / 2, perAggregate * 2L - 1);
        }

        return expected;
    }

    [Fact]
    public async Task A_projection_rebuilt_from_position_zero_equals_the_one_built_live()
    {
        var storage = await OpenWithTotalsAsync(new ItemTotals());
        var expected = await AppendItemsAsync(storage, aggregates: 3, perAggregate: 4);
        await storage.CatchUpAsync(ItemTotals.Name, Ct);
        expected = expected.Concat(await AppendItemsAsync(storage, aggregates: 2, perAggregate: 3)).ToDictionary();
        await storage.CatchUpAsync(ItemTotals.Name, Ct);
        var live = await TotalsAsync(storage);
        Assert.Equal(expected.OrderBy(e => e.Key), live.OrderBy(e => e.Key).Select(e => new KeyValuePair<string, (int, long, long)>(e.Key, e.Value)));

        var rebuilder = storage.Services.GetRequiredService<ProjectionRebuilder>();
        await rebuilder.RebuildAsync(ItemTotals.Name, Ct);
        Assert.Empty(await TotalsAsync(storage));
        Assert.Equal(0, (await rebuilder.ProgressAsync(ItemTotals.Name, Ct)).Reached);
        await storage.CatchUpAsync(ItemTotals.Name, Ct);

        Assert.Equal(live.OrderBy(e => e.Key), (await TotalsAsync(storage)).OrderBy(e => e.Key));
        var (reached, last) = await rebuilder.ProgressAsync(ItemTotals.Name, Ct);
        Assert.Equal(last, reached);
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_is_applied_again_whole_without_counting_twice()
    {
        var totals = new ItemTotals();
        var storage = await OpenWithTotalsAsync(totals);
        var aggregate = NewAggregate();
        var recorded = await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Item(2), ItemMapper.Item(3)], AppendOptions.Default, Ct);
        totals.FailOnce = recorded[2].EventId; // after two events were applied in the batch's transaction

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.CatchUpAsync(ItemTotals.Name, Ct));
        Assert.Empty(await TotalsAsync(storage));
        await storage.CatchUpAsync(ItemTotals.Name, Ct);

        Assert.Equal((3, 6L, 3L), (await TotalsAsync(storage))[aggregate.Key]);
    }

    [Fact]
    public async Task A_transaction_that_commits_after_a_later_one_is_not_skipped()
    {
        var storage = await OpenWithTotalsAsync(new ItemTotals());
        await storage.CatchUpAsync(ItemTotals.Name, Ct);
        var (late, early) = (NewAggregate(), NewAggregate());

        // The late writer inserts first, so it holds the lower position, and commits last.
        var contexts = storage.Services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        db.Events.Add(new EventRow
        {
            EventId = Guid.CreateVersion7(),
            AggregateType = late.Type,
            AggregateKey = late.Key,
            Revision = 1,
            EventType = ItemMapper.EventType,
            SchemaVersion = 1,
            Data = """{"n":5}""",
            Metadata = "{}",
            RecordedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);

        // Another writer commits meanwhile, and the subscription reads while the first is still open (on SQLite the
        // one writer's lock makes both wait for it).
        // (SQLite waits for its lock by blocking the thread: each writer gets its own.)
        var earlyAppend = Task.Run(() => storage.Events.AppendAsync(early, [ItemMapper.Item(7)], AppendOptions.Default, Ct), Ct);
        var readMeanwhile = Task.Run(() => storage.CatchUpAsync(ItemTotals.Name, Ct), Ct);
        await Task.WhenAny(Task.WhenAll(earlyAppend, readMeanwhile), Task.Delay(TimeSpan.FromSeconds(2), Ct));
        await transaction.CommitAsync(Ct);
        await earlyAppend;
        await readMeanwhile;
        await storage.CatchUpAsync(ItemTotals.Name, Ct);

        var totals = await TotalsAsync(storage);
        Assert.Equal((1, 5L, 1L), totals[late.Key]);
        Assert.Equal((1, 7L, 1L), totals[early.Key]);
    }

    [Fact]
    public async Task Two_instances_catching_up_one_subscription_at_once_apply_every_event_once()
    {
        var (first, second) = (await OpenWithTotalsAsync(new ItemTotals()), await OpenWithTotalsAsync(new ItemTotals()));
        var expected = await AppendItemsAsync(first, aggregates: 4, perAggregate: 5);
        var writing = AppendItemsAsync(second, aggregates: 2, perAggregate: 5);

        var read = await Task.WhenAll(
            Task.Run(() => first.CatchUpAsync(ItemTotals.Name, Ct), Ct),
            Task.Run(() => second.CatchUpAsync(ItemTotals.Name, Ct), Ct));
        expected = expected.Concat(await writing).ToDictionary();
        await first.CatchUpAsync(ItemTotals.Name, Ct);

        Assert.Equal(expected.OrderBy(e => e.Key), (await TotalsAsync(second)).OrderBy(e => e.Key).Select(e => new KeyValuePair<string, (int, long, long)>(e.Key, e.Value)));
        Assert.True(read.Sum() > 0);
    }
}
