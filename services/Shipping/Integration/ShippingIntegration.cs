using System.Text.Json;
using WeeEvents.Services.Shipping.Domain.Events;
using Wire = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Shipping.Integration;

/// <summary>The contracts the Shipping service publishes, mapped from its recorded events. Pure functions.</summary>
public static class ShippingIntegration
{
    /// <summary>The contract to publish for <paramref name="recorded"/>, or null when the event stays inside the service.</summary>
    public static object? ToContract(RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.Type == ShipmentScheduled.Name ? ToContract(recorded.As<ShipmentScheduled.Data>()) : null;
    }

    /// <summary><c>shipment-scheduled</c> → <see cref="Wire.ShipmentScheduled"/>.</summary>
    public static Wire.ShipmentScheduled ToContract(RecordedEvent<ShipmentScheduled.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.ShipmentScheduled(recorded.Aggregate.Key, recorded.Data.Carrier, recorded.Data.TrackingNumber, recorded.Timestamp);
    }
}
