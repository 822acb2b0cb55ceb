using WeeEvents.EntityFrameworkCore.Tests.Support;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>Snapshots: a cache of a fold that must never change what a load answers.</summary>
public abstract partial class EventStoreContract
{
    /// <summary>25 <c>counted</c> events numbered 1 to 25, appended to a new aggregate; the store as a snapshot store.</summary>
    private async Task<(IEventStore Store, ISnapshotStore Snapshots, AggregateId Aggregate, IReadOnlyList<RecordedEvent<System.Text.Json.JsonElement>> Events)> TwentyFiveAsync()
    {
        var store = await CreateStoreAsync();
        var aggregate = NewAggregate("tally");
        var events = await store.AppendAsync(aggregate, [.. Enumerable.Range(1, 25).Select(Tally.Event)], AppendOptions.Default, Ct);
        return (store, Assert.IsAssignableFrom<ISnapshotStore>(store), aggregate, events);
    }

    private static async Task<Tally> FullFoldAsync(IEventStore store, AggregateId aggregate, Revision? at = null)
    {
        var service = Tally.Service(Tally.Plain).CreateService(store);
        return (at is { } revision ? await service.LoadAsync(aggregate, revision, Ct) : await service.LoadAsync(aggregate, Ct)).State;
    }

    private static async Task SaveAtAsync(ISnapshotStore snapshots, LoaderDescription<Tally> loader, AggregateId aggregate, IReadOnlyList<RecordedEvent<System.Text.Json.JsonElement>> events, int revision)
    {
        var state = new Tally(revision, Enumerable.Range(1, revision).Sum());
        await snapshots.SaveAsync(loader.SnapshotOf(new Entity<Tally>(aggregate, new Revision(revision), state), events[revision - 1].EventId), Ct);
    }

    [Fact]
    public async Task A_snapshot_plus_the_tail_folds_to_what_a_full_fold_gives()
    {
        var (store, snapshots, aggregate, events) = await TwentyFiveAsync();
        var loader = Tally.Snapshotted();
        await SaveAtAsync(snapshots, loader, aggregate, events, 10);
        var counting = new CountingStore(store);

        var entity = await Tally.Service(loader).CreateService(counting).LoadAsync(aggregate, Ct);

        Assert.Equal(await FullFoldAsync(store, aggregate), entity.State);
        Assert.Equal(new Tally(25, 325), entity.State);
        Assert.Equal(new Revision(25), entity.Revision);
        // The snapshot's own event (checked to be the one it was folded up to) and the fifteen after it.
        Assert.Equal(16, counting.EventsRead);
    }

    [Fact]
    public async Task The_latest_snapshot_at_or_below_a_revision_is_found_and_a_repeated_save_keeps_the_first()
    {
        var (_, snapshots, aggregate, events) = await TwentyFiveAsync();
        var loader = Tally.Snapshotted();
        await SaveAtAsync(snapshots, loader, aggregate, events, 10);
        await SaveAtAsync(snapshots, loader, aggregate, events, 20);
        await SaveAtAsync(snapshots, loader, aggregate, events, 20);

        Assert.Equal(new Revision(20), (await snapshots.LatestAsync(aggregate, 2, new Revision(long.MaxValue), Ct))?.Revision);
        Assert.Equal(new Revision(10), (await snapshots.LatestAsync(aggregate, 2, new Revision(19), Ct))?.Revision);
        Assert.Null(await snapshots.LatestAsync(aggregate, 2, new Revision(9), Ct));
        Assert.Null(await snapshots.LatestAsync(aggregate, 3, new Revision(25), Ct));
        var found = await snapshots.LatestAsync(aggregate, 2, new Revision(10), Ct);
        Assert.Equal(events[9].EventId, found!.EventId);
        Assert.Equal(Tally.Json(new Tally(10, 55)), found.State.GetRawText());
    }

    [Fact]
    public async Task A_snapshot_of_an_older_state_version_is_ignored()
    {
        var (store, snapshots, aggregate, events) = await TwentyFiveAsync();
        // Version 1 of the state: written before the shape changed, so it would be misread as version 2.
        var wrong = Tally.Snapshotted(version: 1).SnapshotOf(new Entity<Tally>(aggregate, new Revision(20), new Tally(999, 0)), events[19].EventId);
        await snapshots.SaveAsync(wrong, Ct);
        var counting = new CountingStore(store);

        var entity = await Tally.Service(Tally.Snapshotted(version: 2)).CreateService(counting).LoadAsync(aggregate, Ct);

        Assert.Equal(await FullFoldAsync(store, aggregate), entity.State);
        Assert.Equal(25, counting.EventsRead);
    }

    [Fact]
    public async Task Time_travel_below_the_snapshot_folds_from_the_first_event()
    {
        var (store, snapshots, aggregate, events) = await TwentyFiveAsync();
        var loader = Tally.Snapshotted();
        await SaveAtAsync(snapshots, loader, aggregate, events, 20);
        var counting = new CountingStore(store);
        var service = Tally.Service(loader).CreateService(counting);

        var past = await service.LoadAsync(aggregate, new Revision(5), Ct);
        var atSnapshot = await service.LoadAsync(aggregate, new Revision(20), Ct);
        var between = await service.LoadAsync(aggregate, new Revision(22), Ct);

        Assert.Equal(await FullFoldAsync(store, aggregate, new Revision(5)), past.State);
        Assert.Equal(new Tally(5, 15), past.State);
        Assert.Equal(new Tally(20, 210), atSnapshot.State);
        Assert.Equal(await FullFoldAsync(store, aggregate, new Revision(22)), between.State);
        // Five from the first event; then one (the snapshot's own) and three (its event and two more).
        Assert.Equal(5 + 1 + 3, counting.EventsRead);
    }

    [Fact]
    public async Task A_snapshot_whose_event_the_stream_no_longer_holds_is_not_used()
    {
        var (store, snapshots, aggregate, _) = await TwentyFiveAsync();
        var loader = Tally.Snapshotted();
        // Folded up to an event this stream never had (a restored or rewritten database, say).
        await snapshots.SaveAsync(loader.SnapshotOf(new Entity<Tally>(aggregate, new Revision(10), new Tally(999, 0)), Guid.CreateVersion7()), Ct);

        var entity = await Tally.Service(loader).CreateService(store).LoadAsync(aggregate, Ct);

        Assert.Equal(new Tally(25, 325), entity.State);
    }

    [Fact]
    public async Task Commands_leave_a_snapshot_every_N_events_and_later_loads_fold_only_the_tail()
    {
        var store = await CreateStoreAsync();
        var snapshots = Assert.IsAssignableFrom<ISnapshotStore>(store);
        var aggregate = NewAggregate("tally");
        var writer = Tally.Service(Tally.Snapshotted(every: 10)).CreateService(store);
        for (var from = 1; from <= 24; from += 4)
        {
            await writer.ExecuteAsync(Tally.Count_, aggregate, new Tally.CountCommand(from, 4), Callers.AsService, Ct);
        }

        // Written after the commit, in the background: awaited with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Snapshot? latest;
        while ((latest = await snapshots.LatestAsync(aggregate, 2, new Revision(long.MaxValue), Ct)) is not { Revision.Value: 20 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(new Revision(20), latest?.Revision);
        // At 12 (the command that crossed 10), or later when a load folded more than ten before that one was written.
        Assert.InRange((await snapshots.LatestAsync(aggregate, 2, new Revision(19), Ct))?.Revision.Value ?? 0, 12, 19);
        var counting = new CountingStore(store);
        var entity = await Tally.Service(Tally.Snapshotted(every: 10)).CreateService(counting).LoadAsync(aggregate, Ct);
        Assert.Equal(new Tally(24, Enumerable.Range(1, 24).Sum()), entity.State);
        Assert.Equal(5, counting.EventsRead);
    }
}
