namespace WeeEvents.Tests;

/// <summary>
/// What a load costs once an entity has been loaded before: the store keeps the entity (<see cref="IEntityMemory"/>), so
/// only the events since are folded, and never wrongly.
/// </summary>
public class KeptEntityTests
{
    private sealed record Added(int Amount);

    [Fact]
    public async Task Loading_again_folds_only_the_events_recorded_since()
    {
        var (store, service, applied) = Tally(store => store);
        var id = new AggregateId("tally", "1");
        await store.AppendAsync(id, [.. Enumerable.Range(1, 10).Select(i => DomainEvent.Create("added", new Added(i)))], AppendOptions.Default);
        Assert.Equal(55, (await service.LoadAsync(id)).State);

        await store.AppendAsync(id, [DomainEvent.Create("added", new Added(100))], AppendOptions.Default);
        var entity = await service.LoadAsync(id);

        Assert.Equal((155, new Revision(11)), (entity.State, entity.Revision));
        Assert.Equal(11, applied());
    }

    [Fact]
    public async Task A_stream_that_is_not_the_one_folded_before_is_folded_afresh()
    {
        var (first, service, applied) = Tally(store => store);
        var id = new AggregateId("tally", "2");
        await first.AppendAsync(id, [DomainEvent.Create("added", new Added(1)), DomainEvent.Create("added", new Added(2))], AppendOptions.Default);
        Assert.Equal(3, (await service.LoadAsync(id)).State);

        // Same aggregate, same revisions, other events, and the entity kept of the first (another database, or an
        // append that never committed).
        var other = new InMemoryEventStore();
        var otherService = service.Description.CreateService(new Remembering(other, first));
        await other.AppendAsync(id, [DomainEvent.Create("added", new Added(10)), DomainEvent.Create("added", new Added(20)), DomainEvent.Create("added", new Added(30))], AppendOptions.Default);

        Assert.Equal(60, (await otherService.LoadAsync(id)).State);
        Assert.Equal(2 + 3, applied());
    }

    [Fact]
    public async Task A_store_that_keeps_no_entities_has_every_load_fold_the_whole_stream()
    {
        var (store, service, applied) = Tally(store => new EventsOnly(store));
        var id = new AggregateId("tally", "3");
        await store.AppendAsync(id, [DomainEvent.Create("added", new Added(1)), DomainEvent.Create("added", new Added(2))], AppendOptions.Default);

        await service.LoadAsync(id);
        await service.LoadAsync(id);

        Assert.Equal(4, applied());
    }

    [Fact]
    public async Task Each_store_keeps_its_own_entities()
    {
        var (first, service, applied) = Tally(store => store);
        var id = new AggregateId("tally", "4");
        await first.AppendAsync(id, [DomainEvent.Create("added", new Added(1))], AppendOptions.Default);
        await service.LoadAsync(id);

        var second = new InMemoryEventStore();
        await second.AppendAsync(id, [DomainEvent.Create("added", new Added(1))], AppendOptions.Default);

        Assert.Null(second.Find(service.Description.Loader, id));
        Assert.NotNull(first.Find(service.Description.Loader, id));
        Assert.Equal(1, applied());
    }

    private static (InMemoryEventStore Store, IService<int> Service, Func<int> Applied) Tally(Func<InMemoryEventStore, IEventStore> storeOf)
    {
        var applied = 0;
        var loader = LoaderDescription.FromInitializer(() => 0)
            .Reducer<Added>("added", (sum, e) =>
            {
                Interlocked.Increment(ref applied);
                return sum + e.Data.Amount;
            })
            .Description();
        var description = ServiceDescription.Create(new ServiceInfo("tally"), loader, DispatcherDescription.For<int>().Description());
        var store = new InMemoryEventStore();
        return (store, description.CreateService(storeOf(store)), () => Volatile.Read(ref applied));
    }
}
