using System.Text.Json.Serialization;
using MassTransit;

namespace WeeEvents.Contracts.Inventory;

/// <summary>A quantity of one SKU.</summary>
/// <param name="Sku">The stock-keeping unit.</param>
/// <param name="Quantity">How many.</param>
public sealed record StockLine(string Sku, int Quantity);

/// <summary>A line that could not be reserved.</summary>
/// <param name="Sku">The stock-keeping unit.</param>
/// <param name="Requested">How many the order asked for.</param>
/// <param name="Available">How many were available (0 for an unknown SKU).</param>
/// <param name="Known">False when the SKU was never stocked.</param>
public sealed record StockShortage(string Sku, int Requested, int Available, bool Known);

/// <summary>
/// Every line of an order is reserved (all or nothing), at catalogue prices. Payment charges <see cref="Total"/>;
/// Order moves on and expects that amount.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Lines">What is reserved, one line per SKU.</param>
/// <param name="ReservedAt">When.</param>
/// <param name="Total">
/// What the order costs at Inventory's catalogue prices: the amount to charge. Publishers of 0.12.0 and earlier, which
/// kept no prices, do not send it; consumers then fall back to the total of <c>OrderPlaced</c>.
/// </param>
/// <param name="Currency">The ISO 4217 currency of <see cref="Total"/>; present exactly when it is.</param>
[MessageUrn("weeevents:inventory:stock-reserved:v1")]
public sealed record StockReserved(
    string OrderId,
    IReadOnlyList<StockLine> Lines,
    DateTimeOffset ReservedAt,
    decimal? Total = null,
    string? Currency = null)
{
    /// <summary>
    /// <see cref="Total"/> in <see cref="Currency"/>: the amount to charge; null from publishers of 0.12.0 and earlier.
    /// Not a field of its own on the wire.
    /// </summary>
    [JsonIgnore]
    public Money? Due => Money.From(Total, Currency);
}

/// <summary>An order could not be reserved: nothing is held for it. Order rejects it; nothing is charged.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Shortages">The lines that were short or unknown (empty when only prices were wrong).</param>
/// <param name="FailedAt">When.</param>
/// <param name="Reason">
/// Why, as a code: <c>out-of-stock</c>, <c>price-changed</c> (a line quoted another price than the catalogue's) or
/// <c>price-not-set</c> (a SKU has no price yet). Publishers of 0.12.0 and earlier do not send it: read it as <c>out-of-stock</c>.
/// </param>
/// <param name="Detail">The failure in words, line by line, for the customer; absent from publishers of 0.12.0 and earlier.</param>
[MessageUrn("weeevents:inventory:stock-reservation-failed:v1")]
public sealed record StockReservationFailed(
    string OrderId,
    IReadOnlyList<StockShortage> Shortages,
    DateTimeOffset FailedAt,
    string? Reason = null,
    string? Detail = null);
