using WeeEvents.EntityFrameworkCore.Tests.Support;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>Snapshots in units of work: written only once the events they fold are committed; tails read, not streams.</summary>
public abstract partial class DurableStorageContract
{
    private static async Task<Snapshot?> AwaitSnapshotAsync(ISnapshotStore snapshots, AggregateId aggregate, long revision)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Snapshot? found;
        while ((found = await snapshots.LatestAsync(aggregate, 2, new Revision(long.MaxValue), Ct)) is null || found.Revision.Value < revision)
        {
            if (DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(20, Ct);
        }

        return found;
    }

    [Fact]
    public async Task A_snapshot_offered_in_a_unit_of_work_is_written_after_its_commit_and_not_without_one()
    {
        var storage = await OpenAsync();
        var snapshots = (ISnapshotStore)storage.Events;
        var (dropped, kept) = (NewAggregate("tally"), NewAggregate("tally"));
        var loader = Tally.Snapshotted();
        foreach (var (aggregate, commit) in new[] { (dropped, false), (kept, true) })
        {
            await using var unit = await storage.UnitsOfWork.BeginAsync(Ct);
            var recorded = await unit.Events.AppendAsync(aggregate, [.. Enumerable.Range(1, 12).Select(Tally.Event)], new AppendOptions { ExpectedRevision = ExpectedRevision.New }, Ct);
            ((ISnapshotStore)unit.Events).Offer(loader.SnapshotOf(new Entity<Tally>(aggregate, new Revision(12), new Tally(12, 78)), recorded[^1].EventId));
            Assert.Null(await snapshots.LatestAsync(aggregate, 2, new Revision(12), Ct));
            if (commit)
            {
                await unit.CommitAsync(Ct);
            }
        }

        Assert.Equal(new Revision(12), (await AwaitSnapshotAsync(snapshots, kept, 12))?.Revision);
        Assert.Null(await snapshots.LatestAsync(dropped, 2, new Revision(long.MaxValue), Ct));
        Assert.Empty(await storage.Events.LoadAsync(dropped, cancellationToken: Ct));
    }

    [Fact]
    public async Task Units_of_work_on_a_long_stream_read_its_tail_from_the_snapshot_then_from_memory()
    {
        var storage = await OpenAsync();
        var aggregate = NewAggregate("tally");
        var loader = Tally.Snapshotted(every: 100);
        var history = await storage.Events.AppendAsync(aggregate, [.. Enumerable.Range(1, 1000).Select(Tally.Event)], AppendOptions.Default, Ct);
        await ((ISnapshotStore)storage.Events).SaveAsync(
            loader.SnapshotOf(new Entity<Tally>(aggregate, new Revision(1000), new Tally(1000, 500_500)), history[^1].EventId), Ct);
        var reads = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            await using var unit = await storage.UnitsOfWork.BeginAsync(Ct);
            var counting = new CountingStore(unit.Events);
            var service = Tally.Service(loader).CreateService(counting);
            // A check and then the command, as Inventory's consumers do: the unit reads the stream once.
            await service.LoadOrInitialAsync(aggregate, Ct);
            await service.ExecuteAsync(Tally.Count_, aggregate, new Tally.CountCommand(1001 + i, 1), Callers.AsService, Ct);
            await unit.CommitAsync(Ct);
            reads.Add(counting.EventsRead);
        }

        var full = await Tally.Service(Tally.Plain).CreateService(storage.Events).LoadAsync(aggregate, Ct);
        var loaded = await Tally.Service(loader).CreateService(storage.Events).LoadAsync(aggregate, Ct);
        Assert.Equal(new Tally(1003, Enumerable.Range(1, 1003).Sum()), full.State);
        Assert.Equal(full.State, loaded.State);
        // Each load reads the event its starting point was folded up to (and, for the first, nothing more): never the stream.
        Assert.All(reads, r => Assert.InRange(r, 1, 4));
    }

    [Fact]
    public async Task A_unit_that_read_a_streams_tail_reads_the_part_before_it_when_asked_and_keeps_what_its_readers_start_from()
    {
        var storage = await OpenAsync();
        var other = await OpenAsync();
        var aggregate = NewAggregate("tally");
        // Written by another instance, so this one holds nothing of it in memory.
        await other.Events.AppendAsync(aggregate, [.. Enumerable.Range(1, 10).Select(Tally.Event)], AppendOptions.Default, Ct);
        static long[] Revisions(IReadOnlyList<RecordedEvent<System.Text.Json.JsonElement>> events) => [.. events.Select(e => e.Revision.Value)];

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.Equal(new long[] { 8, 9, 10 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(7) }, Ct)));
            Assert.Equal(new long[] { 3, 4, 5, 6, 7, 8, 9, 10 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(2) }, Ct)));
            Assert.Equal(10, (await unit.Events.LoadAsync(aggregate, cancellationToken: Ct)).Count);
            Assert.Equal(new long[] { 1, 2, 3, 4 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { UpToRevision = new Revision(4) }, Ct)));
            await unit.Events.AppendAsync(aggregate, [Tally.Event(11)], new AppendOptions { ExpectedRevision = new Revision(10) }, Ct);
            Assert.Equal(new long[] { 10, 11 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(9) }, Ct)));
            await unit.CommitAsync(Ct);
        }

        // A unit that asks only for the tail appends at its end, and leaves only the tail in memory.
        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.Equal(new long[] { 11 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(10) }, Ct)));
            await unit.Events.AppendAsync(aggregate, [Tally.Event(12)], new AppendOptions { ExpectedRevision = new Revision(11) }, Ct);
            await unit.CommitAsync(Ct);
        }

        await using (var unit = await storage.UnitsOfWork.BeginAsync(Ct))
        {
            Assert.Equal(new long[] { 11, 12 }, Revisions(await unit.Events.LoadAsync(aggregate, new LoadOptions { AfterRevision = new Revision(10) }, Ct)));
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), Revisions(await unit.Events.LoadAsync(aggregate, cancellationToken: Ct)));
        }
    }
}
