using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Inventory.Reservations.Events;
using Wire = WeeEvents.Contracts.Inventory;

namespace WeeEvents.Services.Inventory.Integration;

/// <summary>
/// The contracts the Inventory service publishes, mapped from its recorded events. Pure functions.
/// Only the per-order <c>stock-reservation</c> aggregate publishes: one message per order, never one per SKU.
/// </summary>
public static class InventoryIntegration
{
    /// <summary>What the Inventory service publishes: one answer per order's reservation.</summary>
    public static OutboxMapper Outbound { get; } = OutboxMapper.Empty
        .Map<ReservationConfirmed.Data, Wire.StockReserved>(ReservationConfirmed.Name, ToContract)
        .Map<ReservationFailed.Data, Wire.StockReservationFailed>(ReservationFailed.Name, ToContract);

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
