using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Samples.BankAccount.Domain.Commands;

/// <summary>The business rules of an account.</summary>
public static class AccountCommandHandlers
{
    /// <summary>An uninitialized account opens; any other refuses.</summary>
    public static Task Open(IPublisher publisher, Entity<AccountState> entity, OpenAccount.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is not AccountState.Uninitialized)
        {
            throw new AccountAlreadyOpened(entity.Aggregate, entity.State);
        }

        publisher.Publish(AccountOpened.Name, new AccountOpened.Data(command.Owner, command.InitialBalance));
        return Task.CompletedTask;
    }

    /// <summary>An open account takes deposits.</summary>
    public static Task Deposit(IPublisher publisher, Entity<AccountState> entity, DepositFunds.Command command, CancellationToken cancellationToken)
    {
        _ = RequireOpen(entity, DepositFunds.Name);
        publisher.Publish(FundsDeposited.Name, new FundsDeposited.Data(command.Amount));
        return Task.CompletedTask;
    }

    /// <summary>An open account pays out up to its balance, never more.</summary>
    public static Task Withdraw(IPublisher publisher, Entity<AccountState> entity, WithdrawFunds.Command command, CancellationToken cancellationToken)
    {
        var open = RequireOpen(entity, WithdrawFunds.Name);
        if (command.Amount > open.Balance)
        {
            throw new InsufficientFunds(entity.Aggregate, open.Balance, command.Amount);
        }

        publisher.Publish(FundsWithdrawn.Name, new FundsWithdrawn.Data(command.Amount));
        return Task.CompletedTask;
    }

    /// <summary>An open account with nothing in it closes.</summary>
    public static Task Close(IPublisher publisher, Entity<AccountState> entity, CloseAccount.Command command, CancellationToken cancellationToken)
    {
        var open = RequireOpen(entity, CloseAccount.Name);
        if (open.Balance != 0)
        {
            throw new AccountHasBalance(entity.Aggregate, open.Balance);
        }

        publisher.Publish(AccountClosed.Name, new AccountClosed.Data(command.Reason));
        return Task.CompletedTask;
    }

    private static AccountState.Open RequireOpen(Entity<AccountState> entity, string operation) =>
        entity.State as AccountState.Open ?? throw new AccountNotOpen(entity.Aggregate, entity.State, operation);
}
