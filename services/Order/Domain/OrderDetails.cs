using WeeEvents.Protection;

namespace WeeEvents.Services.Order.Domain;

/// <summary>One line of an order.</summary>
/// <param name="Sku">The stock-keeping unit.</param>
/// <param name="Quantity">How many, 1 to 1,000.</param>
/// <param name="UnitPrice">The price of one: above zero, at most 1,000,000, at most two decimals.</param>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice)
{
    /// <summary>Quantity × unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>Where the order ships.</summary>
/// <param name="Name">The recipient.</param>
/// <param name="Line1">The street address.</param>
/// <param name="City">The city.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">ISO 3166 alpha-2 country code, upper case.</param>
/// <param name="Line2">An optional second address line.</param>
public sealed record ShippingAddress([property: PersonalData] string Name, [property: PersonalData] string Line1, [property: PersonalData] string City, [property: PersonalData] string PostalCode, string Country, [property: PersonalData] string? Line2 = null);

/// <summary>What a customer ordered: everything <c>place-order</c> carries.</summary>
/// <param name="CustomerId">Who ordered.</param>
/// <param name="Currency">ISO 4217 currency of every price.</param>
/// <param name="Lines">1 to 50 lines.</param>
/// <param name="ShippingAddress">Where to ship.</param>
/// <param name="PaymentToken">The customer's payment method token.</param>
public sealed record OrderDetails(
    [property: DataSubject] string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress ShippingAddress,
    [property: Sensitive, PersonalData] string PaymentToken)
{
    /// <summary>The amount to charge: the sum of the lines.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>
    /// True when <paramref name="other"/> orders the same thing: same customer, currency, address,
    /// token and lines in the same order. Prices compare as numbers (9.9 equals 9.90).
    /// </summary>
    public bool SameAs(OrderDetails other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CustomerId == other.CustomerId
            && Currency == other.Currency
            && ShippingAddress == other.ShippingAddress
            && PaymentToken == other.PaymentToken
            && Lines.SequenceEqual(other.Lines);
    }
}
