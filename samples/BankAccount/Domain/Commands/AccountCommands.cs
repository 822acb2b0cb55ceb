using System.ComponentModel;
using FluentValidation;

namespace WeeEvents.Samples.BankAccount.Domain.Commands;

/// <summary>Opens an account with an owner and a starting balance.</summary>
[Description("Open an account. For its owner, with a starting balance from 0 to 1,000,000,000.")]
public static class OpenAccount
{
    /// <summary>The documentation's example body.</summary>
    public static readonly Command Example = new("Ada Lovelace", 100m);

    /// <summary>
    /// The most one command may move (an opening balance, a deposit, a withdrawal): 1,000,000,000. A balance would
    /// need some 10^19 deposits to reach what <see cref="decimal"/> holds, so summing them cannot overflow.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>The command name.</summary>
    public const string Name = "open-account";

    /// <summary>The payload.</summary>
    public sealed record Command(string Owner, decimal InitialBalance);

    /// <summary>Owner required (at most 100 characters); initial balance from zero to <see cref="MaxAmount"/>.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Owner).NotEmpty().MaximumLength(100);
            RuleFor(c => c.InitialBalance).InclusiveBetween(0, MaxAmount);
        }
    }
}

/// <summary>Pays money in.</summary>
[Description("Deposit funds. Pays an amount above zero, at most 1,000,000,000, into an open account.")]
public static class DepositFunds
{
    /// <summary>The documentation's example body.</summary>
    public static readonly Command Example = new(50m);

    /// <summary>The command name.</summary>
    public const string Name = "deposit-funds";

    /// <summary>The payload.</summary>
    public sealed record Command(decimal Amount);

    /// <summary>Amount above zero, at most <see cref="OpenAccount.MaxAmount"/>.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(OpenAccount.MaxAmount);
    }
}

/// <summary>Takes money out; never below zero.</summary>
[Description("Withdraw funds. Takes an amount out of an open account, never more than its balance (409 `insufficient-funds`).")]
public static class WithdrawFunds
{
    /// <summary>The documentation's example body.</summary>
    public static readonly Command Example = new(30m);

    /// <summary>The command name.</summary>
    public const string Name = "withdraw-funds";

    /// <summary>The payload.</summary>
    public sealed record Command(decimal Amount);

    /// <summary>Amount above zero, at most <see cref="OpenAccount.MaxAmount"/>.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(OpenAccount.MaxAmount);
    }
}

/// <summary>Closes an account whose balance is zero.</summary>
[Description("Close an account. Only an empty one: a balance left in it is refused with 409.")]
public static class CloseAccount
{
    /// <summary>The documentation's example body.</summary>
    public static readonly Command Example = new("Moving to another bank");

    /// <summary>The command name.</summary>
    public const string Name = "close-account";

    /// <summary>The payload.</summary>
    public sealed record Command(string? Reason = null);

    /// <summary>Reason at most 200 characters.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).MaximumLength(200);
    }
}
