namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>The body of <c>POST /order/{orderId}/place-order</c>, as DESIGN.md shows it.</summary>
public sealed record PlaceOrder(string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines, Address ShippingAddress, string PaymentToken)
{
    /// <summary>A customer in London ordering <paramref name="lines"/> in euros, paying with <paramref name="token"/>.</summary>
    public static PlaceOrder Of(string token, params OrderLine[] lines) =>
        new("c-1", "EUR", lines, new Address("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB"), token);
}

/// <summary>One line of <see cref="PlaceOrder"/>.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>A shipping address of <see cref="PlaceOrder"/>.</summary>
public sealed record Address(string Name, string Line1, string City, string PostalCode, string Country);

/// <summary>A SKU's stock as <c>GET /inventory-item/{sku}</c> shows it.</summary>
public sealed record Stock(int Available, int Reserved, int Committed)
{
    public int Total => Available + Reserved + Committed;
}

/// <summary>Ids no other test uses, readable in a failure message.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";
}
