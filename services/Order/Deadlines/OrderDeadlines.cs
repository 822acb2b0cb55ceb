using Microsoft.Extensions.Options;
using WeeEvents.Operator;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>
/// An open order's deadline for the operator (<c>GET /operator/deadlines</c>): its placing time plus
/// <see cref="OrderDeadlineOptions.Deadline"/>, what the deadline watch will do then. The order is read from its stream,
/// not from the read model the watch reads (which may be a moment behind), so an order that has ended shows none.
/// </summary>
internal sealed class OrderDeadlines(IService<OrderState> orders, IOptions<OrderDeadlineOptions> options) : IOperatorDeadlines
{
    public async Task<IReadOnlyList<UpcomingDeadline>> DeadlinesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var deadline = options.Value.Deadline;
        var upcoming = new List<UpcomingDeadline>();
        foreach (var id in ids)
        {
            var order = OrderService.Description.Id(id);
            var entity = await orders.LoadOrInitialAsync(order, cancellationToken);
            var what = entity.State switch
            {
                OrderState.Placed => $"cancelled by the deadline watch if still {OrderSummaries.Status<OrderState.Placed>()}",
                OrderState.StockReserved => $"cancelled by the deadline watch if still {OrderSummaries.Status<OrderState.StockReserved>()}",
                OrderState.Paid => "counted overdue if still open (paid: it is not cancelled)",
                _ => null,
            };
            if (what is not null && PlacedAt(entity.State) is { } placedAt)
            {
                upcoming.Add(new UpcomingDeadline(order.ToString(), what, placedAt + deadline));
            }
        }

        return upcoming;
    }

    private static DateTimeOffset? PlacedAt(OrderState state) => state switch
    {
        OrderState.Placed p => p.PlacedAt,
        OrderState.StockReserved s => s.PlacedAt,
        OrderState.Paid p => p.PlacedAt,
        _ => null,
    };
}
