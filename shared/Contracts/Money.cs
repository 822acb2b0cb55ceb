using System.Globalization;

namespace WeeEvents.Contracts;

/// <summary>
/// An amount in a currency: a price, an order's total, a charge or a refund. The one money type of the order flow;
/// a contract that carries an amount exposes it as one (<see cref="Order.OrderPlaced.Due"/>,
/// <see cref="Inventory.StockReserved.Due"/>, <see cref="Payment.PaymentSucceeded.Paid"/>,
/// <see cref="Payment.PaymentRefunded.Refunded"/>), and a record that holds one serialises it as one object,
/// <c>{ "amount": …, "currency": "EUR" }</c> (on the wire: <c>schemas/types/money.schema.json</c>).
/// </summary>
/// <param name="Amount">The amount, at most two decimals.</param>
/// <param name="Currency">The ISO 4217 currency: three upper-case letters.</param>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>
    /// Does a payment of <paramref name="paid"/> settle what the order costs, <paramref name="expected"/>? Only the same
    /// amount in the same currency does. Either side unknown (recorded or sent by a release that did not keep it) is no
    /// evidence against the payment, so it settles. The one rule Order, Inventory and Shipping apply to a
    /// <c>PaymentSucceeded</c> before they act on it.
    /// </summary>
    public static bool Settles(Money? paid, Money? expected) => paid is null || expected is null || paid == expected;

    /// <summary><paramref name="amount"/> in <paramref name="currency"/> when both are known (a pair of optional fields); else null.</summary>
    public static Money? From(decimal? amount, string? currency) =>
        amount is { } known && currency is not null ? new Money(known, currency) : null;

    /// <summary>As people read it: <c>9.99 EUR</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");
}
