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

/// <summary>Every line of an order is reserved (all or nothing). Payment charges; Order moves on.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Lines">What is reserved, one line per SKU.</param>
/// <param name="ReservedAt">When.</param>
[MessageUrn("weeevents:inventory:stock-reserved:v1")]
public sealed record StockReserved(string OrderId, IReadOnlyList<StockLine> Lines, DateTimeOffset ReservedAt);

/// <summary>An order could not be reserved: nothing is held for it. Order rejects it.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Shortages">The lines that were short or unknown.</param>
/// <param name="FailedAt">When.</param>
[MessageUrn("weeevents:inventory:stock-reservation-failed:v1")]
public sealed record StockReservationFailed(string OrderId, IReadOnlyList<StockShortage> Shortages, DateTimeOffset FailedAt);
