using WeeEvents.Protection;

namespace WeeEvents.Services.Shipping.Domain.Events;

/// <summary>The order's shipping address (from <c>OrderPlaced</c>).</summary>
public static class AddressNoted
{
    /// <summary>The event type name.</summary>
    public const string Name = "address-noted";

    /// <summary>The data.</summary>
    public sealed record Data(Address Address, decimal? Total = null, string? Currency = null, [property: DataSubject] string? CustomerId = null);
}

/// <summary>The order was paid before its address was heard of.</summary>
public static class PaymentNoted
{
    /// <summary>The event type name.</summary>
    public const string Name = "payment-noted";

    /// <summary>The data (none).</summary>
    public sealed record Data;
}

/// <summary>A carrier and tracking number were assigned (published as <c>ShipmentScheduled</c>).</summary>
public static class ShipmentScheduled
{
    /// <summary>The event type name.</summary>
    public const string Name = "shipment-scheduled";

    /// <summary>The data.</summary>
    public sealed record Data(string Carrier, string TrackingNumber);
}

/// <summary>Handed to the carrier.</summary>
public static class ShipmentDispatched
{
    /// <summary>The event type name.</summary>
    public const string Name = "shipment-dispatched";

    /// <summary>The data (none; the time is the event's).</summary>
    public sealed record Data;
}

/// <summary>Delivered.</summary>
public static class ShipmentDelivered
{
    /// <summary>The event type name.</summary>
    public const string Name = "shipment-delivered";

    /// <summary>The data (none; the time is the event's).</summary>
    public sealed record Data;
}

/// <summary>The payment was refunded before dispatch: nothing ships.</summary>
public static class ShipmentCancelled
{
    /// <summary>The event type name.</summary>
    public const string Name = "shipment-cancelled";

    /// <summary>The data.</summary>
    public sealed record Data(string Reason);
}
