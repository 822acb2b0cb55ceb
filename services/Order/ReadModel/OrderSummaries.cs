using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Events;

namespace WeeEvents.Services.Order.ReadModel;

/// <summary>
/// The <c>order_summaries</c> table, kept by a projection of the order events: what the deadline watch, the overdue
/// gauge and the operator's order search read instead of loading every order.
/// </summary>
public static class OrderSummaries
{
    /// <summary>The projection's name and checkpoint key.</summary>
    public const string Name = "order-summaries";

    /// <summary>The projection.</summary>
    public static ProjectionDescription Description { get; } = Projection.Named(Name)
        .Of(OrderService.EntityType)
        .Stores<OrderSummary>(b =>
        {
            b.ToTable("order_summaries");
            b.HasKey(s => s.OrderId).HasName("pk_order_summaries");
            b.Property(s => s.OrderId).HasColumnName("order_id").HasMaxLength(200);
            b.Property(s => s.CustomerId).HasColumnName("customer_id").HasMaxLength(200);
            b.Property(s => s.Status).HasColumnName("status").HasMaxLength(40);
            b.Property(s => s.Total).HasColumnName("total").HasPrecision(18, 2);
            b.Property(s => s.Currency).HasColumnName("currency").HasMaxLength(3);
            b.Property(s => s.PlacedAt).HasColumnName("placed_at");
            b.Property(s => s.ChangedAt).HasColumnName("changed_at");
            b.Property(s => s.Terminal).HasColumnName("terminal");
            // The open orders by age: the deadline watch's and the gauge's one query.
            b.HasIndex(s => new { s.Terminal, s.PlacedAt }).HasDatabaseName("ix_order_summaries_open");
            b.HasIndex(s => s.CustomerId).HasDatabaseName("ix_order_summaries_customer");
            // The operator's order search (GET /operator/orders): the newest first, of every status or of one.
            b.HasIndex(s => new { s.PlacedAt, s.OrderId }).HasDatabaseName("ix_order_summaries_placed");
            b.HasIndex(s => new { s.Status, s.PlacedAt, s.OrderId }).HasDatabaseName("ix_order_summaries_status");
        })
        .On<OrderPlaced.Data>(OrderPlaced.Name, async (rows, e) =>
        {
            // Upserted: a replay of the same event leaves the row as it was.
            var summary = await rows.FindAsync<OrderSummary>(e.Aggregate.Key) ?? rows.Add(new OrderSummary
            {
                OrderId = e.Aggregate.Key,
                CustomerId = e.Data.Order.CustomerId,
                Status = Status<OrderState.Placed>(),
                Currency = e.Data.Order.Currency,
            });
            (summary.CustomerId, summary.Currency, summary.Total, summary.PlacedAt) = (e.Data.Order.CustomerId, e.Data.Order.Currency, e.Data.Total, e.Timestamp);
            Move(summary, Status<OrderState.Placed>(), e.Timestamp);
        })
        .On<OrderStockReserved.Data>(OrderStockReserved.Name, (rows, e) => MoveAsync(rows, e, Status<OrderState.StockReserved>()))
        .On<OrderPaid.Data>(OrderPaid.Name, (rows, e) => MoveAsync(rows, e, Status<OrderState.Paid>()))
        .On<OrderCompleted.Data>(OrderCompleted.Name, (rows, e) => MoveAsync(rows, e, Status<OrderState.Completed>(), terminal: true))
        .On<OrderRejected.Data>(OrderRejected.Name, (rows, e) => MoveAsync(rows, e, Status<OrderState.Rejected>(), terminal: true))
        .On<OrderCancelled.Data>(OrderCancelled.Name, (rows, e) => MoveAsync(rows, e, Status<OrderState.Cancelled>(), terminal: true))
        .Description();

    /// <summary>The status a row takes when its order enters <typeparamref name="TCase"/>: the state's own name.</summary>
    internal static string Status<TCase>()
        where TCase : OrderState => StateNames<OrderState>.Of<TCase>();

    private static async Task MoveAsync<TData>(ProjectionContext rows, RecordedEvent<TData> e, string status, bool terminal = false)
    {
        if (await rows.FindAsync<OrderSummary>(e.Aggregate.Key) is { } summary)
        {
            Move(summary, status, e.Timestamp, terminal);
        }
    }

    private static void Move(OrderSummary summary, string status, DateTimeOffset at, bool terminal = false)
    {
        // Events of one order arrive in its stream's order; a terminal order stays as it ended.
        if (summary.Terminal)
        {
            return;
        }

        (summary.Status, summary.ChangedAt, summary.Terminal) = (status, at, terminal);
    }
}
