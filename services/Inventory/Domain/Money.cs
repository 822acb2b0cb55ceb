namespace WeeEvents.Services.Inventory.Domain;

/// <summary>An amount in a currency: a SKU's catalogue price, or an order's total computed from those prices.</summary>
/// <param name="Amount">The amount, at most two decimals.</param>
/// <param name="Currency">The ISO 4217 currency: three upper-case letters.</param>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>As people read it: <c>9.99 EUR</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");
}
