using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeeEvents.EntityFrameworkCore.Hosting;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

public abstract partial class DurableStorageContract
{
    [Fact]
    public async Task Two_concurrent_claimers_publish_each_aggregate_in_order_and_never_hold_a_row_at_the_same_time()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        const int aggregates = 6;
        const int perAggregate = 15;
        var streams = Enumerable.Range(0, aggregates).Select(_ => NewAggregate()).ToArray();
        for (var n = 1; n <= perAggregate; n++)
        {
            // Interleaved, so that every claim mixes aggregates.
            foreach (var stream in streams)
            {
                await first.Events.AppendAsync(stream, [ItemMapper.Item(n)], AppendOptions.Default, Ct);
            }
        }

        var published = new List<(AggregateId Aggregate, long Revision)>();
        var gate = new Lock();
        var holders = new ConcurrentDictionary<long, string>();
        var claims = new ConcurrentDictionary<long, int>();
        var releases = new ConcurrentDictionary<long, int>();
        var overlaps = 0;

        async Task RelayAsync(EfOutboxStore outbox, string name)
        {
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));
            var idle = 0;
            while (idle < 3)
            {
                var batch = await outbox.ClaimAsync(4, Ct);
                if (batch.Count == 0)
                {
                    idle = await outbox.CountPendingAsync(Ct) == 0 ? idle + 1 : 0;
                    await Task.Yield();
                    continue;
                }

                idle = 0;
                var done = new List<long>();
                var failed = new List<long>();
                var failedAggregates = new HashSet<AggregateId>();
                foreach (var row in batch)
                {
                    claims.AddOrUpdate(row.Position, 1, (_, c) => c + 1);
                    if (!holders.TryAdd(row.Position, name))
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    // A failed publish gives the row back, with every later row of its aggregate in this batch.
                    if (failedAggregates.Contains(row.Message.Source) || (row.Attempts == 0 && random.Next(10) == 0))
                    {
                        failedAggregates.Add(row.Message.Source);
                        failed.Add(row.Position);
                        continue;
                    }

                    lock (gate)
                    {
                        published.Add((row.Message.Source, row.Message.SourceRevision.Value));
                    }

                    done.Add(row.Position);
                }

                foreach (var position in batch.Select(r => r.Position))
                {
                    holders.TryRemove(position, out _);
                }

                foreach (var position in failed)
                {
                    releases.AddOrUpdate(position, 1, (_, c) => c + 1);
                }

                await outbox.ReleaseAsync(failed, Ct);
                await outbox.MarkDispatchedAsync(done, Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => RelayAsync(first.Outbox, "first"), Ct), Task.Run(() => RelayAsync(second.Outbox, "second"), Ct));

        Assert.Equal(0, overlaps);
        Assert.Equal(0, await PendingAsync(first));
        Assert.Equal(aggregates * perAggregate, published.Count);
        Assert.Equal(published.Count, published.Distinct().Count());
        foreach (var stream in streams)
        {
            Assert.Equal(Enumerable.Range(1, perAggregate).Select(i => (long)i), published.Where(p => p.Aggregate == stream).Select(p => p.Revision));
        }

        Assert.All(claims, c => Assert.Equal(1 + releases.GetValueOrDefault(c.Key), c.Value));
    }

    [Fact]
    public async Task A_claimed_row_blocks_later_rows_of_its_aggregate_until_dispatched_but_not_other_aggregates()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var (a, b) = (NewAggregate(), NewAggregate());
        await first.Events.AppendAsync(a, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
        await first.Events.AppendAsync(b, [ItemMapper.Item(1)], AppendOptions.Default, Ct);
        await first.Events.AppendAsync(a, [ItemMapper.Item(2)], AppendOptions.Default, Ct);

        var one = Assert.Single(await first.Outbox.ClaimAsync(1, Ct));
        var others = await second.Outbox.ClaimAsync(10, Ct);

        Assert.Equal((a, 1L), (one.Message.Source, one.Message.SourceRevision.Value));
        Assert.Equal([(b, 1L)], others.Select(o => (o.Message.Source, o.Message.SourceRevision.Value)));
        await first.Outbox.MarkDispatchedAsync([one.Position], Ct);
        var next = Assert.Single(await second.Outbox.ClaimAsync(10, Ct));
        Assert.Equal((a, 2L), (next.Message.Source, next.Message.SourceRevision.Value));
    }

    [Fact]
    public async Task A_crashed_instances_lease_runs_out_and_another_instance_takes_its_rows_over()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var crashed = await OpenAsync(clock, configure: o => o.OutboxLease = TimeSpan.FromSeconds(30));
        var survivor = await OpenAsync(clock);
        var aggregate = NewAggregate();
        await crashed.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Item(2)], AppendOptions.Default, Ct);
        var lost = await crashed.Outbox.ClaimAsync(10, Ct);
        Assert.Equal(2, lost.Count);

        Assert.Empty(await survivor.Outbox.ClaimAsync(10, Ct));
        clock.Advance(TimeSpan.FromSeconds(31));
        var taken = await survivor.Outbox.ClaimAsync(10, Ct);

        Assert.Equal(lost.Select(l => l.Position), taken.Select(t => t.Position));
        // The late instance's release does not take back rows it no longer holds.
        await crashed.Outbox.ReleaseAsync([.. lost.Select(l => l.Position)], Ct);
        Assert.Empty(await crashed.Outbox.ClaimAsync(10, Ct));
    }

    [Fact]
    public async Task Released_rows_come_back_first_with_their_attempts_counted_and_dispatched_rows_are_purged()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var storage = await OpenAsync(clock);
        var aggregate = NewAggregate();
        var metadata = new EventMetadata { CorrelationId = "order-7", TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Item(2), ItemMapper.Item(3)], new AppendOptions { Metadata = metadata }, Ct);

        var claimed = await storage.Outbox.ClaimAsync(10, Ct);
        await storage.Outbox.MarkDispatchedAsync([claimed[0].Position], Ct);
        await storage.Outbox.ReleaseAsync([claimed[1].Position, claimed[2].Position], Ct);
        var again = await storage.Outbox.ClaimAsync(10, Ct);

        Assert.Equal(claimed.Skip(1).Select(c => c.Position), again.Select(c => c.Position));
        Assert.All(again, c => Assert.Equal(1, c.Attempts));
        Assert.All(again, c => Assert.Equal(metadata, c.Message.Metadata));
        Assert.Equal(2, await storage.Outbox.CountPendingAsync(Ct));

        await storage.Outbox.MarkDispatchedAsync([.. again.Select(c => c.Position)], Ct);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await storage.Outbox.PurgeDispatchedAsync(clock.GetUtcNow() - TimeSpan.FromHours(3), Ct));
        Assert.Equal(3, await storage.Outbox.PurgeDispatchedAsync(clock.GetUtcNow() - TimeSpan.FromHours(1), Ct));
        Assert.Equal(0, await storage.Outbox.CountPendingAsync(Ct));
    }

    [Fact]
    public async Task The_storage_maintenance_purges_dispatched_rows_older_than_the_outbox_retention_and_nothing_pending()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var storage = await OpenAsync(clock, configure: o => o.OutboxRetention = TimeSpan.FromHours(3));
        var aggregate = NewAggregate();
        await storage.Events.AppendAsync(aggregate, [ItemMapper.Item(1), ItemMapper.Item(2)], AppendOptions.Default, Ct);
        var claimed = await storage.Outbox.ClaimAsync(10, Ct);
        await storage.Outbox.MarkDispatchedAsync([claimed[0].Position], Ct);
        await storage.Outbox.ReleaseAsync([claimed[1].Position], Ct);
        var maintenance = storage.Services.GetServices<IHostedService>().OfType<StorageMaintenanceService>().Single();

        clock.Advance(TimeSpan.FromHours(2));
        await maintenance.PurgeOnceAsync(storage.Options, Ct);
        Assert.Equal(2, await OutboxRowsAsync(storage));

        clock.Advance(TimeSpan.FromHours(2));
        await maintenance.PurgeOnceAsync(storage.Options, Ct);
        Assert.Equal(1, await OutboxRowsAsync(storage));
        Assert.Equal(1, await PendingAsync(storage));
    }

    private static async Task<int> OutboxRowsAsync(WeeEventsStorage storage)
    {
        await using var db = await storage.Services.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>().CreateDbContextAsync(Ct);
        return await db.Outbox.CountAsync(Ct);
    }
}
