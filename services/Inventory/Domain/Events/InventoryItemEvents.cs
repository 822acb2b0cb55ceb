namespace WeeEvents.Services.Inventory.Domain.Events;

/// <summary>Units arrived.</summary>
public static class ItemRestocked
{
    /// <summary>The event type name.</summary>
    public const string Name = "item-restocked";

    /// <summary>The data.</summary>
    public sealed record Data(int Quantity);
}

/// <summary>The SKU's catalogue price was set.</summary>
public static class PriceSet
{
    /// <summary>The event type name.</summary>
    public const string Name = "price-set";

    /// <summary>The data: the price of one unit.</summary>
    public sealed record Data(decimal Amount, string Currency);
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
