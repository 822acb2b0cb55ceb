using BenchmarkDotNet.Attributes;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Benchmarks;

/// <summary>
/// Rehydration cost by stream length: the figure that decides whether snapshots are worth their
/// complexity (our rule: none until this is measured to hurt).
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private IService<AccountState> _service = null!;
    private AggregateId _id;

    [Params(10, 100, 1_000, 10_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var store = new InMemoryEventStore();
        _service = BankAccountService.Description.CreateService(store);
        _id = BankAccountService.Description.Id("replayed");
        var events = new List<DomainEvent> { DomainEvent.Create(AccountOpened.Name, new AccountOpened.Data("Ada", 0m)) };
        events.AddRange(Enumerable.Range(1, Events - 1).Select(i => DomainEvent.Create(FundsDeposited.Name, new FundsDeposited.Data(i))));
        await store.AppendAsync(_id, events, AppendOptions.Default);
    }

    [Benchmark]
    public Task<Entity<AccountState>> Load() => _service.LoadAsync(_id);
}
