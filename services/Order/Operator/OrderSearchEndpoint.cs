using System.ComponentModel;
using System.Globalization;
using System.Xml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Services.Order.Deadlines;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Operator;

/// <summary>
/// <c>GET /operator/orders</c>: the operations console's order search (<see cref="OrderSearch"/>), for operators only,
/// with every malformed parameter named in a 400.
/// </summary>
public static class OrderSearchEndpoint
{
    /// <summary>The route, as the access table names it.</summary>
    public const string Route = "GET /operator/orders";

    /// <summary>The most orders one page lists.</summary>
    public const int MaxLimit = 200;

    /// <summary>The most order ids one search may name.</summary>
    public const int MaxIds = 100;

    private const int DefaultLimit = 50;
    private static readonly TimeSpan MaxStuckAfter = TimeSpan.FromDays(30);

    /// <summary>Maps the route on <paramref name="operatorRoutes"/>, the <c>/operator</c> group.</summary>
    public static void Map(IEndpointRouteBuilder operatorRoutes)
    {
        ArgumentNullException.ThrowIfNull(operatorRoutes);
        operatorRoutes.MapGet("/orders", SearchAsync)
            .WithName("operator.orders")
            .WithSummary("Search orders, the stuck ones first")
            .WithDescription("Orders as the read side has them (`order_summaries`), by status, customer and when they were placed. " +
                "The stuck ones come first, the longest stuck first: open orders placed more than `stuckAfter` ago (default one minute) " +
                "or past their deadline (`WeeEvents:Orders:Deadline`, marked `overdue`); then every other order, the newest first. " +
                "Keyset pages: pass a page's `next` as `after`. `stuckTotal` counts the stuck orders matching the search. Operators only.")
            .Produces<OrderSearchPage>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> SearchAsync(
        IDbContextFactory<WeeEventsDbContext> contexts,
        IOptions<OrderDeadlineOptions> deadlines,
        TimeProvider time,
        [FromQuery(Name = "status"), Description("Only orders in this status (placed, stock-reserved, paid, completed, rejected, cancelled).")] string? status,
        [FromQuery(Name = "customerId"), Description("Only this customer's orders.")] string? customerId,
        [FromQuery(Name = "from"), Description("Only orders placed at or after this instant (ISO 8601, such as 2026-12-06T10:00:00Z).")] string? from,
        [FromQuery(Name = "to"), Description("Only orders placed before this instant (ISO 8601).")] string? to,
        [FromQuery(Name = "id"), Description("Only these orders (up to 100).")] string[]? id,
        [FromQuery(Name = "stuckAfter"), Description("How long an order may stay open before it is stuck, as an ISO 8601 duration (PT1M, the default) or hh:mm:ss.")] string? stuckAfter,
        [FromQuery(Name = "limit"), Description("The most orders in one page, 1 to 200 (50).")] string? limit,
        [FromQuery(Name = "after"), Description("The `next` of the previous page.")] string? after,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new OrderSearchRequest(
            Check(errors, "status", status, s => OrderQueries.Statuses.Contains(s, StringComparer.Ordinal), $"Must be one of {string.Join(", ", OrderQueries.Statuses)}."),
            Check(errors, "customerId", customerId, c => c.Length <= 200 && TextRule.IsValid(c), $"Must be 1 to 200 characters. {TextRule.Description}"),
            Parse(errors, "from", from, Instant, "Must be an instant in ISO 8601, such as 2026-12-06T10:00:00Z."),
            Parse(errors, "to", to, Instant, "Must be an instant in ISO 8601, such as 2026-12-06T10:00:00Z."),
            Ids(errors, id),
            Parse(errors, "stuckAfter", stuckAfter, Duration, $"Must be a duration from 1 second to {MaxStuckAfter.TotalDays} days, such as PT10M or 00:10:00.") ?? OrderSearch.DefaultStuckAfter,
            Parse(errors, "limit", limit, Limit, $"Must be a whole number from 1 to {MaxLimit}.") ?? DefaultLimit,
            after is null ? null : OrderSearchCursor.Read(after) ?? Invalid<OrderSearchCursor>(errors, "after", "Must be the `next` of a page this search returned."));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await OrderSearch.SearchAsync(db.Set<OrderSummary>(), request, time.GetUtcNow(), deadlines.Value.Deadline, cancellationToken));
    }

    private static string? Check(Dictionary<string, string[]> errors, string name, string? raw, Func<string, bool> valid, string rule) =>
        raw is null ? null : raw.Length > 0 && valid(raw) ? raw : Invalid<string>(errors, name, rule);

    private static T? Parse<T>(Dictionary<string, string[]> errors, string name, string? raw, Func<string, T?> read, string rule)
        where T : struct =>
        raw is null ? null : read(raw) ?? Invalid<T>(errors, name, rule);

    private static string[] Ids(Dictionary<string, string[]> errors, string[]? ids)
    {
        var named = (ids ?? []).Distinct(StringComparer.Ordinal).ToArray();
        return named.Length <= MaxIds && named.All(i => i.Length is > 0 and <= 200 && TextRule.IsValid(i))
            ? named
            : Invalid<string[]>(errors, "id", $"Name at most {MaxIds} order ids of 1 to 200 characters.") ?? [];
    }

    private static T? Invalid<T>(Dictionary<string, string[]> errors, string name, string rule)
    {
        errors[name] = [rule];
        return default;
    }

    private static DateTimeOffset? Instant(string raw) =>
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    private static TimeSpan? Duration(string raw)
    {
        TimeSpan? span = null;
        if (raw.StartsWith('P'))
        {
            try
            {
                span = XmlConvert.ToTimeSpan(raw);
            }
            catch (FormatException)
            {
                span = null;
            }
        }
        else if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var parsed))
        {
            span = parsed;
        }

        return span is { } s && s >= TimeSpan.FromSeconds(1) && s <= MaxStuckAfter ? s : null;
    }

    private static int? Limit(string raw) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit ? n : null;
}
