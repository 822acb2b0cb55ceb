using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Operator;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>
/// An open order's deadline for the operator (<c>GET /operator/deadlines</c>): read where the deadline watch reads it,
/// the <see cref="OrderSummaries"/> read model, so it says what the watch will do and when.
/// </summary>
internal sealed class OrderDeadlines(IDbContextFactory<WeeEventsDbContext> contexts, IOptions<OrderDeadlineOptions> options) : IOperatorDeadlines
{
    private static readonly string[] Resolved = [OrderSummaries.Status<OrderState.Placed>(), OrderSummaries.Status<OrderState.StockReserved>()];

    public async Task<IReadOnlyList<UpcomingDeadline>> DeadlinesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<OrderSummary>().AsNoTracking().Where(s => ids.Contains(s.OrderId) && !s.Terminal).ToListAsync(cancellationToken);
        var deadline = options.Value.Deadline;
        return [.. open.Select(s => new UpcomingDeadline(
            OrderService.Description.Id(s.OrderId).ToString(),
            Resolved.Contains(s.Status)
                ? $"cancelled by the deadline watch if still {s.Status}"
                : $"counted overdue if still open ({s.Status}; a paid order is not cancelled)",
            s.PlacedAt + deadline))];
    }
}
