using System.Globalization;

namespace WeeEvents.OperationsConsole.Orders;

/// <summary>A page of the Order service's order search (<c>GET /operator/orders</c>), as its JSON reads.</summary>
/// <param name="Items">The orders: the stuck ones first, the longest stuck first; then the others, the newest first.</param>
/// <param name="StuckTotal">How many orders matching the search are stuck.</param>
/// <param name="Next">The cursor of the next page; null on the last.</param>
public sealed record OrderListPage(IReadOnlyList<OrderListRow> Items, int StuckTotal, string? Next);

/// <summary>One order of the search.</summary>
/// <param name="OrderId">Its id, by which its conversation is found.</param>
/// <param name="CustomerId">Who ordered.</param>
/// <param name="Status">Its status.</param>
/// <param name="Total">What it costs.</param>
/// <param name="Currency">ISO 4217.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="ChangedAt">When its status last changed.</param>
/// <param name="DueAt">When it must have ended.</param>
/// <param name="Stuck"><c>overdue</c>, <c>open</c> (open past the threshold) or null.</param>
public sealed record OrderListRow(
    string OrderId, string CustomerId, string Status, decimal Total, string Currency, DateTimeOffset PlacedAt, DateTimeOffset ChangedAt, DateTimeOffset DueAt, string? Stuck);

/// <summary>What the orders page searches by, as its form and the order search's query string name it.</summary>
/// <param name="Status">A status, or null for any.</param>
/// <param name="CustomerId">A customer, or null for any.</param>
/// <param name="From">Placed at or after, or null.</param>
/// <param name="To">Placed before, or null.</param>
/// <param name="StuckAfterMinutes">How many minutes open make an order stuck.</param>
public sealed record OrderSearch(string? Status, string? CustomerId, DateTimeOffset? From, DateTimeOffset? To, int StuckAfterMinutes)
{
    /// <summary>The service that keeps the orders.</summary>
    public const string Service = "order";

    /// <summary>The threshold when the form names none: a healthy order ends in well under a second.</summary>
    public const int DefaultStuckAfterMinutes = 1;

    /// <summary>The statuses an order can have, as the Order service names them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["placed", "stock-reserved", "paid", "completed", "rejected", "cancelled"];

    /// <summary>The query string of <c>GET /operator/orders</c> for this search, its page after <paramref name="after"/>, limited to <paramref name="ids"/> when any are named.</summary>
    public string Query(string? after, int limit, IEnumerable<string>? ids = null)
    {
        var parts = new List<string>
        {
            "stuckAfter=" + Uri.EscapeDataString(TimeSpan.FromMinutes(StuckAfterMinutes).ToString("c", CultureInfo.InvariantCulture)),
            "limit=" + limit.ToString(CultureInfo.InvariantCulture),
        };
        Add(parts, "status", Status);
        Add(parts, "customerId", CustomerId);
        Add(parts, "from", From?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "to", To?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "after", after);
        foreach (var id in ids ?? [])
        {
            Add(parts, "id", id);
        }

        return string.Join('&', parts);
    }

    /// <summary>An instant from the form's <c>datetime-local</c> value, read as UTC; null when empty or unreadable.</summary>
    public static DateTimeOffset? Instant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>An instant as a <c>datetime-local</c> value (UTC).</summary>
    public static string? FormValue(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
        }
    }
}
