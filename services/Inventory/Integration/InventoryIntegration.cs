using System.Text.Json;
using WeeEvents.Services.Inventory.Reservations.Events;
using Wire = WeeEvents.Contracts.Inventory;

namespace WeeEvents.Services.Inventory.Integration;

/// <summary>
/// The contracts the Inventory service publishes, mapped from its recorded events. Pure functions.
/// Only the per-order <c>stock-reservation</c> aggregate publishes: one message per order, never one per SKU.
/// </summary>
public static class InventoryIntegration
{
    /// <summary>The contract to publish for <paramref name="recorded"/>, or null when the event stays inside the service.</summary>
    public static object? ToContract(RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.Aggregate.Type != StockReservationService.EntityType)
        {
            return null;
        }

        return recorded.Type switch
        {
            ReservationConfirmed.Name => ToContract(recorded.As<ReservationConfirmed.Data>()),
            ReservationFailed.Name => ToContract(recorded.As<ReservationFailed.Data>()),
            _ => null,
        };
    }

    /// <summary><c>reservation-confirmed</c> → <see cref="Wire.StockReserved"/>.</summary>
    public static Wire.StockReserved ToContract(RecordedEvent<ReservationConfirmed.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.StockReserved(
            recorded.Aggregate.Key,
            recorded.Data.Lines.Select(l => new Wire.StockLine(l.Sku, l.Quantity)).ToArray(),
            recorded.Timestamp);
    }

    /// <summary><c>reservation-failed</c> → <see cref="Wire.StockReservationFailed"/>.</summary>
    public static Wire.StockReservationFailed ToContract(RecordedEvent<ReservationFailed.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.StockReservationFailed(
            recorded.Aggregate.Key,
            recorded.Data.Shortages.Select(s => new Wire.StockShortage(s.Sku, s.Requested, s.Available, s.Known)).ToArray(),
            recorded.Timestamp);
    }
}
