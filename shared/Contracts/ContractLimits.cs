namespace WeeEvents.Contracts;

/// <summary>
/// The limits of what the services send one another, in one place: the publisher's validator accepts nothing beyond
/// them and every consumer's accepts everything within them, so any order Order takes, the others can process. A
/// limit that differed between a publisher and a consumer would park the message in the consumer's <c>_error</c> queue
/// and strand its order. Reasons, which are written by one service and passed on by others with words of their own
/// in front, are bounded by <see cref="Reason"/> wherever they are composed.
/// </summary>
public static class ContractLimits
{
    /// <summary>Lines in one order (and in the stock messages about it).</summary>
    public const int MaxLines = 50;

    /// <summary>Units of one line.</summary>
    public const int MaxQuantity = 1_000;

    /// <summary>Characters of a SKU (which is also Inventory's aggregate key).</summary>
    public const int MaxSkuLength = 64;

    /// <summary>The highest unit price, in the order's currency.</summary>
    public const decimal MaxUnitPrice = 1_000_000m;

    /// <summary>The highest total an order can reach: every line at the most units and the highest price.</summary>
    public const decimal MaxTotal = MaxLines * MaxQuantity * MaxUnitPrice;

    /// <summary>Characters of a customer id.</summary>
    public const int MaxCustomerIdLength = 100;

    /// <summary>Characters of a payment token.</summary>
    public const int MaxPaymentTokenLength = 100;

    /// <summary>Characters of a name in an address.</summary>
    public const int MaxAddressNameLength = 100;

    /// <summary>Characters of an address line.</summary>
    public const int MaxAddressLineLength = 200;

    /// <summary>Characters of a city.</summary>
    public const int MaxCityLength = 100;

    /// <summary>Characters of a postal code.</summary>
    public const int MaxPostalCodeLength = 20;

    /// <summary>Characters of a reason (why an order was rejected or cancelled, why a payment failed), anywhere.</summary>
    public const int MaxReasonLength = 200;

    /// <summary><paramref name="reason"/>, cut to <see cref="MaxReasonLength"/> (ending in "…" when cut).</summary>
    public static string Reason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");
    }
}
