using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Benchmarks;

/// <summary>
/// Rehydration cost by stream length: the figure that decides whether snapshots are worth their
/// complexity (our rule: none until this is measured to hurt). <see cref="Load"/> folds the whole stream (a store that
/// keeps no entities); <see cref="LoadAgain"/> is the same load on a store that kept the entity (<see cref="IEntityMemory"/>)
/// when it was folded before.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private IService<AccountState> _service = null!;
    private IService<AccountState> _cached = null!;
    private AggregateId _id;

    [Params(10, 100, 1_000, 10_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var store = new InMemoryEventStore();
        _service = BankAccountService.Description.CreateService(new EventsOnly(store));
        _cached = BankAccountService.Description.CreateService(store);
        _id = BankAccountService.Description.Id("replayed");
        var events = new List<DomainEvent> { DomainEvent.Create(AccountOpened.Name, new AccountOpened.Data("Ada", 0m)) };
        events.AddRange(Enumerable.Range(1, Events - 1).Select(i => DomainEvent.Create(FundsDeposited.Name, new FundsDeposited.Data(i))));
        await store.AppendAsync(_id, events, AppendOptions.Default);
        await _cached.LoadAsync(_id);
    }

    [Benchmark(Baseline = true)]
    public Task<Entity<AccountState>> Load() => _service.LoadAsync(_id);

    [Benchmark]
    public Task<Entity<AccountState>> LoadAgain() => _cached.LoadAsync(_id);

    /// <summary>The store's events without its memory of entities: what a service folds without one.</summary>
    private sealed class EventsOnly(IEventStore inner) : IEventStore
    {
        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(aggregate, events, options, cancellationToken);

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(aggregate, options, cancellationToken);
    }
}
