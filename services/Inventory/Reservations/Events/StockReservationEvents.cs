using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;
namespace WeeEvents.Services.Inventory.Reservations.Events;

/// <summary>Every line of the order is held (published as <c>StockReserved</c>).</summary>
public static class ReservationConfirmed
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-confirmed";

    /// <summary>
    /// The data: the lines held, what the order costs at catalogue prices (absent before prices were kept), and whose
    /// order it is (absent before reservations had owners).
    /// </summary>
    public sealed record Data(IReadOnlyList<ReservationLine> Lines, Money? Total = null, string? CustomerId = null);
}

/// <summary>The order could not be reserved; nothing is held (published as <c>StockReservationFailed</c>).</summary>
public static class ReservationFailed
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-failed";

    /// <summary>
    /// The data: the short lines, why (absent before prices were kept), the lines quoted a wrong price, and whose order
    /// it is (absent before reservations had owners).
    /// </summary>
    public sealed record Data(IReadOnlyList<Shortage> Shortages, string? Reason = null, IReadOnlyList<PriceDifference>? Prices = null, string? CustomerId = null);
}

/// <summary>The order was paid: its units are sold.</summary>
public static class ReservationCommitted
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-committed";

    /// <summary>The data (none).</summary>
    public sealed record Data;
}

/// <summary>The order's units went back to available.</summary>
public static class ReservationReleased
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-released";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}

/// <summary>The order was cancelled before its reservation was decided.</summary>
public static class ReservationVoided
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-voided";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}
