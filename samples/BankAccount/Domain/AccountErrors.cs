namespace WeeEvents.Samples.BankAccount.Domain;

/// <summary>The command needs an open account.</summary>
public sealed class AccountNotOpen(AggregateId account, AccountState state, string operation)
    : DomainRuleViolation(account, state.Name, operation, $"Account {account.Key} is {state.Name}; {operation} needs an open account.");

/// <summary>The account is already open (or was closed): it cannot be opened again.</summary>
public sealed class AccountAlreadyOpened(AggregateId account, AccountState state)
    : DomainRuleViolation(account, state.Name, "open-account", $"Account {account.Key} is already {state.Name}.");

/// <summary>A withdrawal larger than the balance: overdrafts are refused.</summary>
public sealed class InsufficientFunds(AggregateId account, decimal balance, decimal requested)
    : DomainRuleViolation(account, "open", "withdraw-funds", $"Account {account.Key} holds {balance}; cannot withdraw {requested}.")
{
    /// <summary>The balance at the time.</summary>
    public decimal Balance { get; } = balance;

    /// <summary>The amount asked for.</summary>
    public decimal Requested { get; } = requested;
}

/// <summary>Only an account with a zero balance can close.</summary>
public sealed class AccountHasBalance(AggregateId account, decimal balance)
    : DomainRuleViolation(account, "open", "close-account", $"Account {account.Key} still holds {balance}; withdraw it before closing.");
