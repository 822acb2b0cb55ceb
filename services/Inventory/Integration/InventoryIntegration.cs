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
            recorded.Timestamp,
            recorded.Data.Total?.Amount,
            recorded.Data.Total?.Currency);
    }

    /// <summary><c>reservation-failed</c> → <see cref="Wire.StockReservationFailed"/>.</summary>
    public static Wire.StockReservationFailed ToContract(RecordedEvent<ReservationFailed.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.StockReservationFailed(
            recorded.Aggregate.Key,
            recorded.Data.Shortages.Select(s => new Wire.StockShortage(s.Sku, s.Requested, s.Available, s.Known)).ToArray(),
            recorded.Timestamp,
            recorded.Data.Reason,
            Detail(recorded.Data));
    }

    /// <summary>The failure in words, for the customer: the wrong prices, then the short lines.</summary>
    private static string? Detail(ReservationFailed.Data failed)
    {
        var parts = (failed.Prices ?? []).Select(p => p.ToString())
            .Concat(failed.Shortages.Select(s => s.Known ? $"{s.Sku}: {s.Requested} requested, {s.Available} available" : $"{s.Sku}: unknown SKU"))
            .ToArray();
        return parts.Length == 0 ? null : string.Join("; ", parts);
    }
}
