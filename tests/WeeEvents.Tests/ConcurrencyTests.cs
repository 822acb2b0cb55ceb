using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Sixteen_concurrent_deposits_lose_no_update_and_record_one_event_each()
    {
        var (store, service) = Bank.Create(new ServiceOptions { ConflictRetry = ConflictRetryPolicy.Immediately(50) });
        var id = Bank.Description.Id("busy");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 0m), Callers.AsService);

        using var start = new ManualResetEventSlim();
        var deposits = Enumerable.Range(1, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(i), Callers.AsService);
        })).ToArray();
        start.Set();
        await Task.WhenAll(deposits);

        var events = await store.LoadAsync(id);
        Assert.Equal(17, events.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(r => (long)r), events.Select(e => e.Revision.Value));
        var entity = await service.LoadAsync(id);
        Assert.Equal(136m, Assert.IsType<AccountState.Open>(entity.State).Balance); // 1 + 2 + ... + 16
    }

    [Fact]
    public async Task Without_retries_the_losers_get_revision_conflicts_and_the_winners_count_exactly()
    {
        var (store, service) = Bank.Create(new ServiceOptions { ConflictRetry = ConflictRetryPolicy.None });
        var id = Bank.Description.Id("race");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 0m), Callers.AsService);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(1m), Callers.AsService);
                return true;
            }
            catch (RevisionConflict)
            {
                return false;
            }
        })).ToArray();
        start.Set();
        var succeeded = (await Task.WhenAll(attempts)).Count(ok => ok);

        Assert.InRange(succeeded, 1, 16);
        var events = await store.LoadAsync(id);
        Assert.Equal(1 + succeeded, events.Count);
        Assert.Equal(succeeded, Assert.IsType<AccountState.Open>((await service.LoadAsync(id)).State).Balance);
    }

    [Fact]
    public async Task The_store_lets_exactly_one_of_several_writers_at_the_same_revision_win()
    {
        var store = new InMemoryEventStore();
        var id = new AggregateId("thing", "1");
        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(id, [DomainEvent.Create("happened", new { i })], new AppendOptions { ExpectedRevision = Revision.Initial });
                return true;
            }
            catch (RevisionConflict)
            {
                return false;
            }
        }));

        Assert.Equal(1, (await Task.WhenAll(writes)).Count(ok => ok));
        Assert.Single(await store.LoadAsync(id));
    }
}
