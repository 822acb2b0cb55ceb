namespace WeeEvents.Samples.BankAccount.Domain.Events;

/// <summary>The account was opened.</summary>
public static class AccountOpened
{
    /// <summary>The event type name.</summary>
    public const string Name = "account-opened";

    /// <summary>The data.</summary>
    public sealed record Data(string Owner, decimal InitialBalance);
}

/// <summary>Money was paid in.</summary>
public static class FundsDeposited
{
    /// <summary>The event type name.</summary>
    public const string Name = "funds-deposited";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount);
}

/// <summary>Money was taken out.</summary>
public static class FundsWithdrawn
{
    /// <summary>The event type name.</summary>
    public const string Name = "funds-withdrawn";

    /// <summary>The data.</summary>
    public sealed record Data(decimal Amount);
}

/// <summary>The account was closed.</summary>
public static class AccountClosed
{
    /// <summary>The event type name.</summary>
    public const string Name = "account-closed";

    /// <summary>The data.</summary>
    public sealed record Data(string? Reason);
}
