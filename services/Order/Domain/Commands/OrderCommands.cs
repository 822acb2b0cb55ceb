using System.ComponentModel;
using FluentValidation;
using WeeEvents.Contracts;

namespace WeeEvents.Services.Order.Domain.Commands;

/// <summary>Places an order: customer, 1–50 lines, currency, shipping address, payment token.</summary>
[Description("Place an order. The customer's lines (1 to 50; 1 to 1,000 units each at a price above zero and at most " +
    "1,000,000.00), their currency, where to ship and how to pay. Inventory then reserves the stock, Payment charges the " +
    "total and Shipping schedules the parcel; follow the order's `state.status` from `placed` to `completed` (or `rejected`, `cancelled`).")]
public static class PlaceOrder
{
    /// <summary>An order as a client sends it (the documentation's example body).</summary>
    public static readonly Command Example = new(
        "customer-1",
        "EUR",
        [new OrderLine("sku-1", 2, 9.99m), new OrderLine("sku-2", 1, 24.50m)],
        new ShippingAddress("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB"),
        "tok_visa");

    /// <summary>The command name.</summary>
    public const string Name = "place-order";

    /// <summary>The payload.</summary>
    /// <param name="CustomerId">Who orders.</param>
    /// <param name="Currency">ISO 4217 currency: three upper-case letters.</param>
    /// <param name="Lines">1 to 50 lines.</param>
    /// <param name="ShippingAddress">Where to ship.</param>
    /// <param name="PaymentToken">The customer's payment method token.</param>
    public sealed record Command(
        string CustomerId,
        string Currency,
        IReadOnlyList<OrderLine> Lines,
        ShippingAddress ShippingAddress,
        [property: Sensitive] string PaymentToken)
    {
        /// <summary>The order this command describes.</summary>
        public OrderDetails ToDetails() => new(CustomerId, Currency, Lines, ShippingAddress, PaymentToken);
    }

    /// <summary>The most lines one order may have.</summary>
    public const int MaxLines = ContractLimits.MaxLines;

    /// <summary>The most units of one line.</summary>
    public const int MaxQuantity = ContractLimits.MaxQuantity;

    /// <summary>The highest unit price: 1,000,000.00 in the order's currency.</summary>
    public const decimal MaxUnitPrice = ContractLimits.MaxUnitPrice;

    /// <summary>
    /// The highest total an order can reach (every line at the most units and the highest price): 50,000,000,000.
    /// Far inside <see cref="decimal"/>, so summing lines can never overflow.
    /// </summary>
    public const decimal MaxTotal = ContractLimits.MaxTotal;

    /// <summary>The rules on the way in.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.CustomerId).NotEmpty().MaximumLength(ContractLimits.MaxCustomerIdLength);
            RuleFor(c => c.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code: three upper-case letters.");
            RuleFor(c => c.Lines).NotNull()
                .Must(l => l is { Count: >= 1 and <= MaxLines }).WithMessage($"An order has 1 to {MaxLines} lines.");
            RuleForEach(c => c.Lines).NotNull().SetValidator(new LineValidator());
            RuleFor(c => c.ShippingAddress).NotNull().SetValidator(new AddressValidator());
            RuleFor(c => c.PaymentToken).NotEmpty().MaximumLength(ContractLimits.MaxPaymentTokenLength);
        }
    }

    /// <summary>
    /// A line: a SKU that is a valid inventory-item key, quantity 1–1,000, unit price above zero and at most
    /// 1,000,000 with at most two decimals.
    /// </summary>
    public sealed class LineValidator : AbstractValidator<OrderLine>
    {
        /// <summary>Creates the validator.</summary>
        public LineValidator()
        {
            // The SKU is Inventory's key: one that breaks the key rule is refused here, not by Inventory's consumer later.
            RuleFor(l => l.Sku).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(ContractLimits.MaxSkuLength).AggregateKey();
            RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity);
            RuleFor(l => l.UnitPrice).GreaterThan(0).LessThanOrEqualTo(MaxUnitPrice)
                .Must(p => decimal.Round(p, 2) == p).WithMessage("Unit price has at most two decimals.");
        }
    }

    /// <summary>An address: name, line 1, city and postal code required; an ISO 3166 alpha-2 country.</summary>
    public sealed class AddressValidator : AbstractValidator<ShippingAddress>
    {
        /// <summary>Creates the validator.</summary>
        public AddressValidator()
        {
            RuleFor(a => a.Name).NotEmpty().MaximumLength(ContractLimits.MaxAddressNameLength);
            RuleFor(a => a.Line1).NotEmpty().MaximumLength(ContractLimits.MaxAddressLineLength);
            RuleFor(a => a.Line2).MaximumLength(ContractLimits.MaxAddressLineLength);
            RuleFor(a => a.City).NotEmpty().MaximumLength(ContractLimits.MaxCityLength);
            RuleFor(a => a.PostalCode).NotEmpty().MaximumLength(ContractLimits.MaxPostalCodeLength);
            RuleFor(a => a.Country).NotEmpty().Matches("^[A-Z]{2}$").WithMessage("Country must be an ISO 3166 alpha-2 code: two upper-case letters.");
        }
    }
}

/// <summary>Cancels an order that is not yet paid (the customer's request, or a failed payment).</summary>
[Description("Cancel an order. Only before it is paid: its reserved stock is released and any charge refunded.")]
public static class CancelOrder
{
    /// <summary>A cancellation as a client sends it (the documentation's example body).</summary>
    public static readonly Command Example = new("Changed my mind");

    /// <summary>The command name.</summary>
    public const string Name = "cancel-order";

    /// <summary>The payload.</summary>
    /// <param name="Reason">Why; optional, at most 200 characters.</param>
    public sealed record Command(string? Reason = null);

    /// <summary>Reason at most 200 characters.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).MaximumLength(ContractLimits.MaxReasonLength);
    }
}

/// <summary>Inventory reserved every line (from <c>StockReserved</c>), at catalogue prices.</summary>
public static class MarkStockReserved
{
    /// <summary>The command name.</summary>
    public const string Name = "mark-stock-reserved";

    /// <summary>The payload.</summary>
    /// <param name="Total">
    /// The order's total at Inventory's catalogue prices: what Payment charges and what the order then expects to be
    /// paid. Null from an Inventory of 0.12.0 or earlier, which kept no prices: the order's own total stands.
    /// </param>
    /// <param name="Currency">The currency of <paramref name="Total"/>; given exactly when it is.</param>
    public sealed record Command(decimal? Total = null, string? Currency = null);

    /// <summary>A total and a currency together or neither; a total within an order's bounds.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c).Must(c => c.Total.HasValue == c.Currency is not null).WithMessage("Total and currency come together.");
            RuleFor(c => c.Total).GreaterThan(0).LessThanOrEqualTo(PlaceOrder.MaxTotal);
            RuleFor(c => c.Currency).Matches("^[A-Z]{3}$").WithMessage("Currency must be an ISO 4217 code: three upper-case letters.");
        }
    }
}

/// <summary>Inventory could not reserve the order (from <c>StockReservationFailed</c>).</summary>
public static class RejectOrder
{
    /// <summary>The command name.</summary>
    public const string Name = "reject-order";

    /// <summary>The payload.</summary>
    /// <param name="Reason">Why, in words.</param>
    public sealed record Command(string Reason);

    /// <summary>The longest reason: 500 characters.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Reason required, at most 500 characters.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(MaxReasonLength);
    }
}

/// <summary>Payment charged the order (from <c>PaymentSucceeded</c>).</summary>
public static class MarkPaid
{
    /// <summary>The command name.</summary>
    public const string Name = "mark-paid";

    /// <summary>The payload.</summary>
    /// <param name="PaymentId">The payment.</param>
    /// <param name="Amount">What was charged.</param>
    /// <param name="TransactionId">The gateway's reference.</param>
    /// <param name="Currency">The currency of <paramref name="Amount"/>.</param>
    public sealed record Command(string PaymentId, decimal Amount, string TransactionId, string Currency);

    /// <summary>Payment and transaction ids and a currency required; amount above zero, at most an order's highest total.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.PaymentId).NotEmpty();
            RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(PlaceOrder.MaxTotal);
            RuleFor(c => c.TransactionId).NotEmpty();
            RuleFor(c => c.Currency).NotEmpty();
        }
    }
}

/// <summary>Shipping scheduled the shipment (from <c>ShipmentScheduled</c>).</summary>
public static class CompleteOrder
{
    /// <summary>The command name.</summary>
    public const string Name = "complete-order";

    /// <summary>The payload.</summary>
    /// <param name="Carrier">Who carries it.</param>
    /// <param name="TrackingNumber">The carrier's tracking number.</param>
    public sealed record Command(string Carrier, string TrackingNumber);

    /// <summary>Carrier and tracking number required.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.Carrier).NotEmpty();
            RuleFor(c => c.TrackingNumber).NotEmpty();
        }
    }
}
