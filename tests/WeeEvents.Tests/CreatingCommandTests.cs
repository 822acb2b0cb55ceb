using WeeEvents.Testing;
using FluentValidation;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Tests;

/// <summary>
/// A command registered with <c>Creates</c> (opening an account) runs on the initial state without reading its stream,
/// and appends expecting a new stream; the service must still end up deciding on the real stream.
/// </summary>
public class CreatingCommandTests
{
    [Fact]
    public async Task Opening_a_new_account_reads_nothing_and_records_the_opening()
    {
        var (store, service) = Create();
        var id = Bank.Description.Id("new");

        var entity = await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 10m), Callers.AsService);

        Assert.Equal(0, store.Reads);
        Assert.Equal(new Revision(1), entity.Revision);
        Assert.Equal(10m, Assert.IsType<AccountState.Open>(entity.State).Balance);
    }

    [Fact]
    public async Task Opening_an_account_that_exists_fails_as_the_handler_decides_on_the_stream_read_for_real()
    {
        var (store, service) = Create(new ServiceOptions { ConflictRetry = ConflictRetryPolicy.None });
        var id = Bank.Description.Id("taken");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 10m), Callers.AsService);

        // The guess meets the stream at the append; the retry it earns is not a conflict retry, so none are needed.
        await Assert.ThrowsAsync<AccountAlreadyOpened>(() => service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Bob", 5m), Callers.AsService));

        Assert.Single(await store.LoadAsync(id));
    }

    [Fact]
    public async Task A_creation_command_that_fails_on_the_guess_runs_again_on_the_real_stream()
    {
        // Withdrawing is refused on an account not open: on the guess, that is every account.
        var (service, id) = await OpenAccountWithCreationCommandAsync(WithdrawFunds.Name, new WithdrawFunds.Validator(), AccountCommandHandlers.Withdraw);

        var entity = await service.ExecuteAsync(WithdrawFunds.Name, id, new WithdrawFunds.Command(4m), Callers.AsService);

        Assert.Equal(new Revision(2), entity.Revision);
        Assert.Equal(6m, Assert.IsType<AccountState.Open>(entity.State).Balance);
    }

    [Fact]
    public async Task A_creation_command_that_publishes_nothing_on_the_guess_runs_again_on_the_real_stream()
    {
        // A deposit that does nothing to an account not open: on the guess, nothing at all.
        var (service, id) = await OpenAccountWithCreationCommandAsync(DepositFunds.Name, new DepositFunds.Validator(), DepositIfOpen);

        var entity = await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(5m), Callers.AsService);

        Assert.Equal(new Revision(2), entity.Revision);
        Assert.Equal(15m, Assert.IsType<AccountState.Open>(entity.State).Balance);
    }

    private static Task DepositIfOpen(IPublisher publisher, Entity<AccountState> entity, DepositFunds.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is AccountState.Open)
        {
            publisher.Publish(FundsDeposited.Name, new FundsDeposited.Data(command.Amount));
        }

        return Task.CompletedTask;
    }

    /// <summary>An account opened with 10 on a store that counts reads, in a service where <paramref name="name"/> is a creation command.</summary>
    private static async Task<(IService<AccountState> Service, AggregateId Id)> OpenAccountWithCreationCommandAsync<TCommand>(
        string name, IValidator<TCommand> validator, CommandHandler<AccountState, TCommand> handler)
    {
        var description = ServiceDescription.Create(
            new ServiceInfo("account"),
            Bank.Description.Loader,
            DispatcherDescription.For<AccountState>()
                .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated)
                .Command(name, validator, handler, CommandAccess.Authenticated, startsStream: true)
                .Description());
        var service = description.CreateService(new TestEventStore());
        var id = description.Id("open");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 10m), Callers.AsService);
        return (service, id);
    }

    private static (TestEventStore Store, IService<AccountState> Service) Create(ServiceOptions? options = null)
    {
        var store = new TestEventStore();
        return (store, Bank.Description.CreateService(store, options));
    }
}
