using MassTransit;

namespace WeeEvents.MassTransit.Tests.Contracts;

/// <summary>Service A (orders) tells the world an item was ordered.</summary>
[MessageUrn("weeevents-tests:item-ordered")]
public sealed record ItemOrdered(string OrderId, string Sku, int Quantity);

/// <summary>Service B (stock) answers with a reservation.</summary>
[MessageUrn("weeevents-tests:stock-reserved")]
public sealed record StockReserved(string OrderId, string Sku, int Quantity);
