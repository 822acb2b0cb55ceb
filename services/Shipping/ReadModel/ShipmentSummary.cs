namespace WeeEvents.Services.Shipping.ReadModel;

/// <summary>One order's shipment as the read side keeps it (never its address).</summary>
public sealed class ShipmentSummary
{
    /// <summary>The shipment's key: the order's id (the <c>{id}</c> of <c>/shipment/{id}</c>).</summary>
    public required string ShipmentId { get; set; }

    /// <summary>The shipment's status, as in its state's <c>status</c>.</summary>
    public required string Status { get; set; }

    /// <summary>Who carries it, once scheduled.</summary>
    public string? Carrier { get; set; }

    /// <summary>The carrier's tracking number, once scheduled.</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The customer the shipment goes to: who besides clerks and operators sees the row; null until the address is noted.</summary>
    public string? CustomerId { get; set; }
}
