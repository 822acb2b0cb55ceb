using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Samples.BankAccount.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Samples.BankAccount.Tests;

/// <summary>The bank account's business rules, as given/when/then specifications.</summary>
public class AccountSpecifications
{
    private static ScenarioGiven<AccountState> Account => Scenario.For(BankAccountService.Description, "acc-1");

    private static ScenarioGiven<AccountState> OpenWith(decimal balance) =>
        Account.Given(AccountOpened.Name, new AccountOpened.Data("Ada", balance));

    [Fact]
    public async Task Opening_a_new_account_records_the_owner_and_balance()
    {
        var entity = await Account
            .When(OpenAccount.Name, new OpenAccount.Command("Ada", 100m))
            .Then(AccountOpened.Name, new AccountOpened.Data("Ada", 100m));

        Assert.Equal(new AccountState.Open("Ada", 100m), entity.State);
        Assert.Equal(new Revision(1), entity.Revision);
    }

    [Fact]
    public async Task An_open_account_cannot_be_opened_again() =>
        await OpenWith(0).When(OpenAccount.Name, new OpenAccount.Command("Bob", 5m)).ThenFails<AccountAlreadyOpened>();

    [Fact]
    public async Task A_deposit_raises_the_balance()
    {
        var entity = await OpenWith(10)
            .When(DepositFunds.Name, new DepositFunds.Command(15.5m))
            .Then(FundsDeposited.Name, new FundsDeposited.Data(15.5m));

        Assert.Equal(25.5m, Assert.IsType<AccountState.Open>(entity.State).Balance);
    }

    [Fact]
    public async Task A_withdrawal_within_the_balance_lowers_it()
    {
        var entity = await OpenWith(50)
            .When(WithdrawFunds.Name, new WithdrawFunds.Command(50m))
            .Then(FundsWithdrawn.Name, new FundsWithdrawn.Data(50m));

        Assert.Equal(0m, Assert.IsType<AccountState.Open>(entity.State).Balance);
    }

    [Fact]
    public async Task An_overdraft_is_refused_with_the_balance_and_amount()
    {
        var error = await OpenWith(50)
            .Given(FundsWithdrawn.Name, new FundsWithdrawn.Data(20m))
            .When(WithdrawFunds.Name, new WithdrawFunds.Command(30.01m))
            .ThenFails<InsufficientFunds>();

        Assert.Equal(30m, error.Balance);
        Assert.Equal(30.01m, error.Requested);
        Assert.Equal("open", error.State);
        Assert.Equal(WithdrawFunds.Name, error.Operation);
        Assert.Equal("insufficient-funds", error.Rule);
    }

    [Fact]
    public async Task An_account_with_money_in_it_cannot_close() =>
        await OpenWith(1).When(CloseAccount.Name, new CloseAccount.Command(null)).ThenFails<AccountHasBalance>();

    [Fact]
    public async Task An_empty_account_closes()
    {
        var entity = await OpenWith(0)
            .When(CloseAccount.Name, new CloseAccount.Command("moving"))
            .Then(AccountClosed.Name, new AccountClosed.Data("moving"));

        Assert.Equal("Ada", Assert.IsType<AccountState.Closed>(entity.State).Owner);
    }

    private static ScenarioGiven<AccountState> Closed =>
        OpenWith(0).Given(AccountClosed.Name, new AccountClosed.Data(null));

    [Fact]
    public async Task A_closed_account_takes_no_deposits() =>
        await Closed.When(DepositFunds.Name, new DepositFunds.Command(1m)).ThenFails<AccountNotOpen>();

    [Fact]
    public async Task A_closed_account_pays_nothing_out() =>
        await Closed.When(WithdrawFunds.Name, new WithdrawFunds.Command(1m)).ThenFails<AccountNotOpen>();

    [Fact]
    public async Task A_closed_account_cannot_be_reopened() =>
        await Closed
            .When(OpenAccount.Name, new OpenAccount.Command("Ada", 0m))
            .ThenFails<AccountAlreadyOpened>();

    [Fact]
    public async Task Money_cannot_move_before_the_account_opens() =>
        await Account.When(DepositFunds.Name, new DepositFunds.Command(5m)).ThenFails<AccountNotOpen>();

    [Theory]
    [InlineData("", 0, "owner")]
    [InlineData("Ada", -1, "initialBalance")]
    public async Task Opening_with_bad_fields_names_the_field(string owner, decimal balance, string field)
    {
        var error = await Account.When(OpenAccount.Name, new OpenAccount.Command(owner, balance)).ThenFails<CommandValidationFailed>();
        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public async Task A_full_lifecycle_ends_closed_at_revision_five()
    {
        var store = new InMemoryEventStore();
        var service = BankAccountService.Description.CreateService(store);
        var id = BankAccountService.Description.Id("life");

        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 10m), Callers.AsService);
        await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(90m), Callers.AsService);
        await service.ExecuteAsync(WithdrawFunds.Name, id, new WithdrawFunds.Command(60m), Callers.AsService);
        await service.ExecuteAsync(WithdrawFunds.Name, id, new WithdrawFunds.Command(40m), Callers.AsService);
        var closed = await service.ExecuteAsync(CloseAccount.Name, id, new CloseAccount.Command("done"), Callers.AsService);

        Assert.IsType<AccountState.Closed>(closed.State);
        Assert.Equal(new Revision(5), closed.Revision);
        Assert.Equal(closed, await service.LoadAsync(id));
    }
}
