namespace WeeEvents.Services.Order.ReadModel;

/// <summary>One order as the read side keeps it: who, what it costs, where it stands and since when.</summary>
public sealed class OrderSummary
{
    /// <summary>The order's key (the <c>{id}</c> of <c>/order/{id}</c>).</summary>
    public required string OrderId { get; set; }

    /// <summary>Who ordered.</summary>
    public required string CustomerId { get; set; }

    /// <summary>The order's status, as in its state's <c>status</c>.</summary>
    public required string Status { get; set; }

    /// <summary>The amount to charge.</summary>
    public decimal Total { get; set; }

    /// <summary>ISO 4217.</summary>
    public required string Currency { get; set; }

    /// <summary>When it was placed.</summary>
    public DateTimeOffset PlacedAt { get; set; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Whether the order will never change again (completed, rejected, cancelled).</summary>
    public bool Terminal { get; set; }
}
