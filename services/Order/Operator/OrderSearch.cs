using Microsoft.EntityFrameworkCore;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Operator;

/// <summary>What an operator searches orders by; every part is optional but the threshold and the page size.</summary>
/// <param name="Status">Only orders in this status.</param>
/// <param name="CustomerId">Only this customer's orders.</param>
/// <param name="From">Only orders placed at or after this instant.</param>
/// <param name="To">Only orders placed before this instant.</param>
/// <param name="OrderIds">Only these orders (the console asks for the orders its parked messages name); empty for any.</param>
/// <param name="StuckAfter">How long an order may stay open before it counts as stuck.</param>
/// <param name="Limit">The most orders in one page.</param>
/// <param name="After">Where the previous page ended; null for the first.</param>
public sealed record OrderSearchRequest(
    string? Status,
    string? CustomerId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<string> OrderIds,
    TimeSpan StuckAfter,
    int Limit,
    OrderSearchCursor? After);

/// <summary>One order as the search lists it.</summary>
/// <param name="OrderId">Its key: the <c>{id}</c> of <c>/order/{id}</c>, and the id its conversation is found by.</param>
/// <param name="CustomerId">Who ordered.</param>
/// <param name="Status">Its status.</param>
/// <param name="Total">What it costs.</param>
/// <param name="Currency">ISO 4217.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="ChangedAt">When its status last changed.</param>
/// <param name="DueAt">When it must have ended (placed + <c>WeeEvents:Orders:Deadline</c>).</param>
/// <param name="Stuck">
/// <c>overdue</c> (open past its deadline), <c>open</c> (open past the search's threshold), or null (ended, or open for
/// less than the threshold).
/// </param>
public sealed record OrderSearchRow(
    string OrderId, string CustomerId, string Status, decimal Total, string Currency, DateTimeOffset PlacedAt, DateTimeOffset ChangedAt, DateTimeOffset DueAt, string? Stuck);

/// <summary>A page of the search: the stuck orders first, oldest first; then the others, newest first.</summary>
/// <param name="Items">The orders.</param>
/// <param name="StuckTotal">How many orders matching the search are stuck, on every page.</param>
/// <param name="Next">The <c>after</c> of the next page; null on the last.</param>
public sealed record OrderSearchPage(IReadOnlyList<OrderSearchRow> Items, int StuckTotal, string? Next);

/// <summary>
/// Searches the <see cref="OrderSummaries"/> read model for an operator. The stuck orders (open and placed before the
/// threshold or the deadline, whichever is sooner) come first, the longest stuck first: the open-orders index
/// (terminal, placed) serves them. Then every other order, the newest first, through the (placed) and (status, placed)
/// indexes. Pages are keyset pages: the cursor holds the segment, the instant that divided stuck from not (so the pages
/// of one search agree however long the operator takes) and the last row's (placed, id).
/// </summary>
public static class OrderSearch
{
    /// <summary>An order open this long is stuck when the search names no threshold: a healthy one ends in well under a second.</summary>
    public static readonly TimeSpan DefaultStuckAfter = TimeSpan.FromMinutes(1);

    /// <summary>The page <paramref name="request"/> asks for at <paramref name="now"/>, with orders due <paramref name="deadline"/> after they are placed.</summary>
    public static async Task<OrderSearchPage> SearchAsync(IQueryable<OrderSummary> summaries, OrderSearchRequest request, DateTimeOffset now, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(request);
        var after = request.After;
        var stuckBefore = after?.StuckBefore ?? now - (request.StuckAfter < deadline ? request.StuckAfter : deadline);
        var rows = Filtered(summaries.AsNoTracking(), request);
        var allStuck = rows.Where(s => !s.Terminal && s.PlacedAt < stuckBefore);
        var stuck = allStuck;
        var others = rows.Where(s => s.Terminal || s.PlacedAt >= stuckBefore);

        var page = new List<(OrderSummary Row, bool Stuck)>(request.Limit + 1);
        if (after is null or { Stuck: true })
        {
            if (after is { } a)
            {
                stuck = stuck.Where(s => s.PlacedAt > a.PlacedAt || (s.PlacedAt == a.PlacedAt && string.Compare(s.OrderId, a.OrderId) > 0));
            }

            var oldestFirst = await stuck.OrderBy(s => s.PlacedAt).ThenBy(s => s.OrderId).Take(request.Limit + 1).ToListAsync(cancellationToken);
            page.AddRange(oldestFirst.Select(s => (s, true)));
        }

        if (page.Count <= request.Limit)
        {
            if (after is { Stuck: false } a)
            {
                others = others.Where(s => s.PlacedAt < a.PlacedAt || (s.PlacedAt == a.PlacedAt && string.Compare(s.OrderId, a.OrderId) < 0));
            }

            var newestFirst = await others.OrderByDescending(s => s.PlacedAt).ThenByDescending(s => s.OrderId)
                .Take(request.Limit + 1 - page.Count).ToListAsync(cancellationToken);
            page.AddRange(newestFirst.Select(s => (s, false)));
        }

        var next = page.Count > request.Limit
            ? new OrderSearchCursor(page[request.Limit - 1].Stuck, stuckBefore, page[request.Limit - 1].Row.PlacedAt, page[request.Limit - 1].Row.OrderId).Write()
            : null;
        var items = page.Take(request.Limit).Select(p => Row(p.Row, p.Stuck, now, deadline)).ToArray();
        return new OrderSearchPage(items, await allStuck.CountAsync(cancellationToken), next);
    }

    private static IQueryable<OrderSummary> Filtered(IQueryable<OrderSummary> rows, OrderSearchRequest request)
    {
        if (request.Status is { } status)
        {
            rows = rows.Where(s => s.Status == status);
        }

        if (request.CustomerId is { } customer)
        {
            rows = rows.Where(s => s.CustomerId == customer);
        }

        if (request.From is { } from)
        {
            rows = rows.Where(s => s.PlacedAt >= from);
        }

        if (request.To is { } to)
        {
            rows = rows.Where(s => s.PlacedAt < to);
        }

        if (request.OrderIds.Count > 0)
        {
            var ids = request.OrderIds.ToArray();
            rows = rows.Where(s => ids.Contains(s.OrderId));
        }

        return rows;
    }

    private static OrderSearchRow Row(OrderSummary s, bool stuck, DateTimeOffset now, TimeSpan deadline)
    {
        var dueAt = s.PlacedAt + deadline;
        var why = !stuck ? null : dueAt <= now ? "overdue" : "open";
        return new OrderSearchRow(s.OrderId, s.CustomerId, s.Status, s.Total, s.Currency, s.PlacedAt, s.ChangedAt, dueAt, why);
    }
}
