namespace WeeEvents.Services.Inventory.Domain.Events;

/// <summary>Units arrived.</summary>
public static class ItemRestocked
{
    /// <summary>The event type name.</summary>
    public const string Name = "item-restocked";

    /// <summary>The data.</summary>
    public sealed record Data(int Quantity);
}

/// <summary>Units were set aside for an order awaiting payment.</summary>
public static class StockReserved
{
    /// <summary>The event type name.</summary>
    public const string Name = "stock-reserved";

    /// <summary>The data.</summary>
    public sealed record Data(string OrderId, int Quantity);
}

/// <summary>An order's reserved units went back to available (payment failed or the order was cancelled).</summary>
public static class StockReleased
{
    /// <summary>The event type name.</summary>
    public const string Name = "stock-released";

    /// <summary>The data.</summary>
    public sealed record Data(string OrderId, int Quantity);
}

/// <summary>An order's reserved units are sold (it was paid).</summary>
public static class StockCommitted
{
    /// <summary>The event type name.</summary>
    public const string Name = "stock-committed";

    /// <summary>The data.</summary>
    public sealed record Data(string OrderId, int Quantity);
}

/// <summary>An order's committed units came back to available (it was cancelled after its payment went through, and refunded).</summary>
public static class StockReturned
{
    /// <summary>The event type name.</summary>
    public const string Name = "stock-returned";

    /// <summary>The data.</summary>
    public sealed record Data(string OrderId, int Quantity);
}
