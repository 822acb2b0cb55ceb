using FluentValidation;
using WeeEvents.Protection;

namespace WeeEvents.Services.Payment.Domain.Commands;

/// <summary>The order was placed (from <c>OrderPlaced</c>): its total is to be charged once its stock is reserved.</summary>
public static class RequestPayment
{
    /// <summary>The command name.</summary>
    public const string Name = "request-payment";

    /// <summary>The payload.</summary>
    /// <param name="Amount">The order's total, above zero.</param>
    /// <param name="Currency">ISO 4217 currency: three upper-case letters.</param>
    /// <param name="PaymentToken">The customer's payment method token.</param>
    /// <param name="CustomerId">Whose token it is: the data subject its encryption key belongs to.</param>
    public sealed record Command(decimal Amount, string Currency, [property: Sensitive, PersonalData] string PaymentToken, [property: DataSubject] string? CustomerId = null);

    /// <summary>
    /// The largest amount Payment charges: 100,000,000,000.00, above any order's total (Order caps those at
    /// 50,000,000,000) and far inside <see cref="decimal"/>.
    /// </summary>
    public const decimal MaxAmount = 100_000_000_000m;

    /// <summary>Amount above zero, at most <see cref="MaxAmount"/>, with at most two decimals; ISO currency; token required.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(MaxAmount)
                .Must(a => decimal.Round(a, 2) == a).WithMessage("Amount has at most two decimals.");
            RuleFor(c => c.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code: three upper-case letters.");
            RuleFor(c => c.PaymentToken).NotEmpty().MaximumLength(100);
        }
    }
}

/// <summary>
/// The order's stock is reserved (from <c>StockReserved</c>): charge it through the gateway, for the total Inventory
/// computed from its catalogue prices.
/// </summary>
public static class ChargePayment
{
    /// <summary>The command name.</summary>
    public const string Name = "charge-payment";

    /// <summary>The payload.</summary>
    /// <param name="Amount">
    /// The order's total at catalogue prices, what is charged; null when the reservation carried none (an Inventory of
    /// 0.12.0 or earlier), and then the requested amount (the order's own total) is charged.
    /// </param>
    /// <param name="Currency">The currency of <paramref name="Amount"/>; given exactly when it is.</param>
    public sealed record Command(decimal? Amount = null, string? Currency = null);

    /// <summary>An amount and a currency together or neither; an amount as <see cref="RequestPayment"/> bounds it.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c).Must(c => c.Amount.HasValue == c.Currency is not null).WithMessage("Amount and currency come together.");
            RuleFor(c => c.Amount!.Value).GreaterThan(0).LessThanOrEqualTo(RequestPayment.MaxAmount)
                .Must(a => decimal.Round(a, 2) == a).WithMessage("Amount has at most two decimals.")
                .OverridePropertyName("amount").When(c => c.Amount.HasValue);
            RuleFor(c => c.Currency).Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code: three upper-case letters.");
        }
    }
}

/// <summary>
/// The order was cancelled (from <c>OrderCancelled</c>): refund the charge if there was one; otherwise make
/// sure none is ever made.
/// </summary>
public static class RefundPayment
{
    /// <summary>The command name.</summary>
    public const string Name = "refund-payment";

    /// <summary>The payload.</summary>
    /// <param name="Reason">Why the order was cancelled.</param>
    public sealed record Command(string Reason);

    /// <summary>Reason required.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}
