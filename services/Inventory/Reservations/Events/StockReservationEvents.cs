namespace WeeEvents.Services.Inventory.Reservations.Events;

/// <summary>Every line of the order is held (published as <c>StockReserved</c>).</summary>
public static class ReservationConfirmed
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-confirmed";

    /// <summary>The data.</summary>
    public sealed record Data(IReadOnlyList<ReservationLine> Lines);
}

/// <summary>The order could not be reserved; nothing is held (published as <c>StockReservationFailed</c>).</summary>
public static class ReservationFailed
{
    /// <summary>The event type name.</summary>
    public const string Name = "reservation-failed";

    /// <summary>The data.</summary>
    public sealed record Data(IReadOnlyList<Shortage> Shortages);
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
