using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Samples.BankAccount.Domain.Events;
using WeeEvents.Testing;

namespace WeeEvents.Tests;

/// <summary>The given/when/then helper must fail when the behaviour differs, or it proves nothing.</summary>
public class ScenarioTests
{
    private static ScenarioGiven<AccountState> Open => Scenario.For(Bank.Description).Given(AccountOpened.Name, new AccountOpened.Data("Ada", 10m));

    [Fact]
    public async Task Then_fails_when_the_events_differ()
    {
        var error = await Assert.ThrowsAsync<ScenarioFailed>(() =>
            Open.When(DepositFunds.Name, new DepositFunds.Command(5m)).Then(FundsDeposited.Name, new FundsDeposited.Data(6m)));
        Assert.Contains("funds-deposited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Then_fails_when_the_command_fails() =>
        await Assert.ThrowsAsync<ScenarioFailed>(() =>
            Open.When(WithdrawFunds.Name, new WithdrawFunds.Command(50m)).Then(FundsWithdrawn.Name, new FundsWithdrawn.Data(50m)));

    [Fact]
    public async Task ThenFails_fails_when_the_command_succeeds() =>
        await Assert.ThrowsAsync<ScenarioFailed>(() =>
            Open.When(DepositFunds.Name, new DepositFunds.Command(5m)).ThenFails<DomainRuleViolation>());

    [Fact]
    public async Task ThenFails_fails_on_another_error_type() =>
        await Assert.ThrowsAsync<ScenarioFailed>(() =>
            Open.When(WithdrawFunds.Name, new WithdrawFunds.Command(50m)).ThenFails<AccountHasBalance>());

    [Fact]
    public async Task ThenNothing_fails_when_something_was_recorded() =>
        await Assert.ThrowsAsync<ScenarioFailed>(() =>
            Open.When(DepositFunds.Name, new DepositFunds.Command(5m)).ThenNothing());
}
