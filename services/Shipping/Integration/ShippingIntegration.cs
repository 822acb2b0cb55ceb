using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Shipping.Domain.Events;
using Wire = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Shipping.Integration;

/// <summary>The contracts the Shipping service publishes, mapped from its recorded events. Pure functions.</summary>
public static class ShippingIntegration
{
    /// <summary>What the Shipping service publishes: scheduled shipments.</summary>
    public static OutboxMapper Outbound { get; } = OutboxMapper.Empty
        .Map<ShipmentScheduled.Data, Wire.ShipmentScheduled>(ShipmentScheduled.Name, ToContract);

    /// <summary><c>shipment-scheduled</c> → <see cref="Wire.ShipmentScheduled"/>.</summary>
    public static Wire.ShipmentScheduled ToContract(RecordedEvent<ShipmentScheduled.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.ShipmentScheduled(recorded.Aggregate.Key, recorded.Data.Carrier, recorded.Data.TrackingNumber, recorded.Timestamp);
    }
}
