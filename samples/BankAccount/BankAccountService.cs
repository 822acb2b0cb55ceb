using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Samples.BankAccount;

/// <summary>The bank account service: loader + dispatcher + metadata, as one value.</summary>
public static class BankAccountService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "account";

    /// <summary>How an account's state is built from its events.</summary>
    public static readonly LoaderDescription<AccountState> Loader = LoaderDescription
        .FromInitializer<AccountState>(() => new AccountState.Uninitialized())
        .Reducer<AccountOpened.Data>(AccountOpened.Name, AccountReducers.Opened)
        .Reducer<FundsDeposited.Data>(FundsDeposited.Name, AccountReducers.Deposited)
        .Reducer<FundsWithdrawn.Data>(FundsWithdrawn.Name, AccountReducers.Withdrawn)
        .Reducer<AccountClosed.Data>(AccountClosed.Name, AccountReducers.Closed)
        .Description();

    /// <summary>
    /// The commands an account accepts. The sample serves every account to any caller, so that it runs without an
    /// identity provider; a real bank would declare <c>EntityAccess&lt;AccountState&gt;.OwnedBy(...)</c> instead.
    /// </summary>
    public static readonly DispatcherDescription<AccountState> Dispatcher = DispatcherDescription
        .For<AccountState>()
        .Access(EntityAccess<AccountState>.AnyCaller())
        .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated, startsStream: true)
        .Command(DepositFunds.Name, new DepositFunds.Validator(), AccountCommandHandlers.Deposit, CommandAccess.Authenticated)
        .Command(WithdrawFunds.Name, new WithdrawFunds.Validator(), AccountCommandHandlers.Withdraw, CommandAccess.Authenticated)
        .Command(CloseAccount.Name, new CloseAccount.Validator(), AccountCommandHandlers.Close, CommandAccess.Authenticated)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<AccountState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "A bank account: open, deposit, withdraw (no overdraft), close."),
        Loader,
        Dispatcher);
}
