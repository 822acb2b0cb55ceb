using System.Diagnostics.Metrics;
using System.Text.Json;
using WeeEvents.Telemetry;

namespace WeeEvents.Tests;

/// <summary>Snapshots declared on a loader: loads fold only a tail, never answer differently, and never fail for one.</summary>
public class SnapshotTests
{
    private sealed record Added(int Amount);

    private static readonly AggregateId Id = new("tally", "1");

    [Fact]
    public void A_loader_declares_snapshots_with_a_period_and_a_state_version_and_has_none_unless_it_does()
    {
        var builder = LoaderDescription.FromInitializer(() => 0).Reducer<Added>("added", (s, e) => s + e.Data.Amount);

        Assert.Null(builder.Description().Snapshots);
        Assert.Equal(new SnapshotPolicy(100, 3), builder.Snapshots(100, 3).Description().Snapshots);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Snapshots(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Snapshots(10, 0));
        Assert.Throws<InvalidOperationException>(() => builder.Description().SnapshotOf(new Entity<int>(Id, new Revision(1), 1), Guid.Empty));
    }

    [Fact]
    public async Task A_load_that_folds_more_than_the_period_leaves_a_snapshot_and_the_next_cold_load_folds_only_the_tail()
    {
        var (store, service, applied) = Tally(every: 10, keepsEntities: false);
        await store.AppendAsync(Id, History(25), AppendOptions.Default);

        Assert.Equal(325, (await service.LoadAsync(Id)).State);
        Assert.Equal(new Revision(25), (await store.LatestAsync(Id, 1, new Revision(long.MaxValue)))?.Revision);
        await store.AppendAsync(Id, [DomainEvent.Create("added", new Added(100))], AppendOptions.Default);
        var entity = await service.LoadAsync(Id);

        Assert.Equal((425, new Revision(26)), (entity.State, entity.Revision));
        Assert.Equal(25 + 1, applied());
    }

    [Fact]
    public async Task With_an_entity_kept_a_load_reads_from_the_kept_revision_on_and_a_different_stream_is_folded_afresh()
    {
        var (store, service, applied) = Tally(every: 1000, keepsEntities: true);
        await store.AppendAsync(Id, History(10), AppendOptions.Default);
        Assert.Equal(55, (await service.LoadAsync(Id)).State);
        await store.AppendAsync(Id, [DomainEvent.Create("added", new Added(100))], AppendOptions.Default);
        Assert.Equal(155, (await service.LoadAsync(Id)).State);
        Assert.Equal(11, applied());

        // Same aggregate and revisions, other events: another database, or an append that never committed.
        var other = new InMemoryEventStore();
        await other.AppendAsync(Id, History(12), AppendOptions.Default);
        var otherService = service.Description.CreateService(new Remembering(other, store));

        Assert.Equal(78, (await otherService.LoadAsync(Id)).State);
    }

    [Fact]
    public async Task A_snapshot_that_does_not_read_as_the_state_is_ignored_and_the_load_folds_from_the_first_event()
    {
        var (store, service, _) = Tally(every: 10, keepsEntities: false);
        var recorded = await store.AppendAsync(Id, History(5), AppendOptions.Default);
        await store.SaveAsync(new Snapshot(Id, new Revision(3), recorded[2].EventId, 1, JsonElement.Parse("""{"not":"an int"}""")));

        Assert.Equal(15, (await service.LoadAsync(Id)).State);
    }

    [Fact]
    public async Task A_store_that_keeps_no_snapshots_is_folded_whole_and_commands_still_run()
    {
        var inner = new InMemoryEventStore();
        var (_, service, applied) = Tally(every: 2, keepsEntities: true, store: new EventsOnly(inner));
        await inner.AppendAsync(Id, History(6), AppendOptions.Default);

        Assert.Equal(21, (await service.LoadAsync(Id)).State);
        Assert.Equal(21, (await service.LoadAsync(Id)).State);
        Assert.Equal(12, applied());
    }

    [Fact]
    public async Task Loads_are_counted_by_where_their_fold_started()
    {
        var sources = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WeeEventsTelemetry.Name && instrument.Name == "wee_events.aggregate.loads")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == WeeEventsTelemetry.Attributes.LoadSource && tags.ToArray().Any(t => t.Key == WeeEventsTelemetry.Attributes.AggregateType && (string?)t.Value == "tally-metrics"))
                {
                    lock (sources)
                    {
                        sources.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        var id = new AggregateId("tally-metrics", "1");
        var (store, service, _) = Tally(every: 5, keepsEntities: true, type: "tally-metrics");
        await store.AppendAsync(id, History(12), AppendOptions.Default);
        var cold = Tally(every: 5, keepsEntities: false, store: store, type: "tally-metrics").Service;

        await service.LoadAsync(id); // from the first event: it leaves a snapshot at 12
        await service.LoadAsync(id); // from the entity it kept
        await cold.LoadAsync(id);    // from the snapshot

        Assert.Equal(["stream", "cache", "snapshot"], sources);
    }

    private static DomainEvent[] History(int count) => [.. Enumerable.Range(1, count).Select(i => DomainEvent.Create("added", new Added(i)))];

    private static (InMemoryEventStore Store, IService<int> Service, Func<int> Applied) Tally(int every, bool keepsEntities, IEventStore? store = null, string type = "tally")
    {
        var applied = 0;
        var loader = LoaderDescription.FromInitializer(() => 0)
            .Reducer<Added>("added", (sum, e) =>
            {
                Interlocked.Increment(ref applied);
                return sum + e.Data.Amount;
            })
            .Snapshots(every)
            .Description();
        var description = ServiceDescription.Create(new ServiceInfo(type), loader, DispatcherDescription.For<int>().Description());
        var memory = store as InMemoryEventStore ?? new InMemoryEventStore();
        return (memory, description.CreateService(keepsEntities ? store ?? memory : new WeeEvents.Testing.TestEventStore(memory)), () => Volatile.Read(ref applied));
    }
}
