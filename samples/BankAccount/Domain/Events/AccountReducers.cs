namespace WeeEvents.Samples.BankAccount.Domain.Events;

/// <summary>How each event changes an account. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class AccountReducers
{
    /// <summary>uninitialized → open.</summary>
    public static AccountState Opened(AccountState state, RecordedEvent<AccountOpened.Data> e) =>
        state is AccountState.Uninitialized ? new AccountState.Open(e.Data.Owner, e.Data.InitialBalance) : state;

    /// <summary>Balance up.</summary>
    public static AccountState Deposited(AccountState state, RecordedEvent<FundsDeposited.Data> e) =>
        state is AccountState.Open open ? open with { Balance = open.Balance + e.Data.Amount } : state;

    /// <summary>Balance down.</summary>
    public static AccountState Withdrawn(AccountState state, RecordedEvent<FundsWithdrawn.Data> e) =>
        state is AccountState.Open open ? open with { Balance = open.Balance - e.Data.Amount } : state;

    /// <summary>open → closed.</summary>
    public static AccountState Closed(AccountState state, RecordedEvent<AccountClosed.Data> e) =>
        state is AccountState.Open open ? new AccountState.Closed(open.Owner, e.Timestamp) : state;
}
