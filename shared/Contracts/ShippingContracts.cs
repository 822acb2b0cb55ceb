using MassTransit;

namespace WeeEvents.Contracts.Shipping;

/// <summary>A paid order has a shipment with a carrier and a tracking number. Order completes.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Carrier">Who carries it.</param>
/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <param name="ScheduledAt">When.</param>
[MessageUrn("weeevents:shipping:shipment-scheduled:v1")]
public sealed record ShipmentScheduled(string OrderId, string Carrier, string TrackingNumber, DateTimeOffset ScheduledAt);
