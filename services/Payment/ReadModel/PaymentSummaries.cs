using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Hosting.Queries;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Events;

namespace WeeEvents.Services.Payment.ReadModel;

/// <summary>The <c>payment_summaries</c> table, kept by a projection of the payment events, and its list.</summary>
public static class PaymentSummaries
{
    /// <summary>The statuses a payment summary can have: every state of a payment but <see cref="PaymentState.Uninitialized"/>.</summary>
    public static readonly IReadOnlyList<string> Statuses = StateNames<PaymentState>.AllBut(typeof(PaymentState.Uninitialized));

    /// <summary>The projection.</summary>
    public static ProjectionDescription Projection { get; } = EntityFrameworkCore.Projections.Projection.Named("payment-summaries")
        .Of(PaymentService.EntityType)
        .Stores<PaymentSummary>(b =>
        {
            b.ToTable("payment_summaries");
            b.HasKey(s => s.PaymentId).HasName("pk_payment_summaries");
            b.Property(s => s.PaymentId).HasColumnName("payment_id").HasMaxLength(200);
            b.Property(s => s.Status).HasColumnName("status").HasMaxLength(40);
            b.Property(s => s.Amount).HasColumnName("amount").HasPrecision(18, 2);
            b.Property(s => s.Currency).HasColumnName("currency").HasMaxLength(3);
            b.Property(s => s.ChangedAt).HasColumnName("changed_at");
            b.Property(s => s.CustomerId).HasColumnName("customer_id").HasMaxLength(200);
            b.HasIndex(s => new { s.Status, s.ChangedAt }).HasDatabaseName("ix_payment_summaries_status");
            b.HasIndex(s => s.CustomerId).HasDatabaseName("ix_payment_summaries_customer");
        })
        // Stock reserved before the order was heard of: the payment waits for it.
        .On<StockReservationNoted.Data>(StockReservationNoted.Name, async (rows, e) =>
            await rows.FindOrAddAsync(e.Aggregate.Key, () => New(e.Aggregate.Key, Status<PaymentState.AwaitingOrder>(), e.Timestamp)))
        .On<PaymentRequested.Data>(PaymentRequested.Name, async (rows, e) =>
            (await MoveAsync(rows, e, Status<PaymentState.Requested>(), e.Data.Amount, e.Data.Currency)).CustomerId = e.Data.CustomerId)
        .On<PaymentSucceeded.Data>(PaymentSucceeded.Name, (rows, e) => MoveAsync(rows, e, Status<PaymentState.Succeeded>(), e.Data.Amount, e.Data.Currency))
        .On<PaymentFailed.Data>(PaymentFailed.Name, (rows, e) => MoveAsync(rows, e, Status<PaymentState.Failed>(), e.Data.Amount, e.Data.Currency))
        .On<PaymentRefunded.Data>(PaymentRefunded.Name, (rows, e) => MoveAsync(rows, e, Status<PaymentState.Refunded>(), e.Data.Amount, e.Data.Currency))
        .On<PaymentCancelled.Data>(PaymentCancelled.Name, (rows, e) => MoveAsync(rows, e, Status<PaymentState.Cancelled>()))
        .Description();

    /// <summary>
    /// <c>GET /payment?status=&amp;from=&amp;to=</c>: payments by id; <c>from</c> and <c>to</c> bound their last change.
    /// Visible as <see cref="PaymentService.Access"/> says: operators every row, a customer their own.
    /// </summary>
    public static QueryDescription<PaymentSummary> Query { get; } = Hosting.Queries.Query
        .Over(Projection, PaymentService.EntityType, PaymentService.Access, (PaymentSummary s) => s.PaymentId,
            "Payments by id, as the read side has them: status, amount, currency, last change (never the payment token).")
        .Text("status", "Only payments in this status.", (rows, v) => rows.Where(s => s.Status == v), allowed: Statuses)
        .Instant("from", "Only payments whose status changed at or after this instant (refunded today: status=refunded&from=…).", (rows, v) => rows.Where(s => s.ChangedAt >= v))
        .Instant("to", "Only payments whose status changed before this instant.", (rows, v) => rows.Where(s => s.ChangedAt < v))
        .OwnedBy(s => s.CustomerId)
        .Description();

    /// <summary>The status a row takes when its payment enters <typeparamref name="TCase"/>: the state's own name.</summary>
    private static string Status<TCase>()
        where TCase : PaymentState => StateNames<PaymentState>.Of<TCase>();

    private static PaymentSummary New(string id, string status, DateTimeOffset at) => new() { PaymentId = id, Status = status, Currency = "", ChangedAt = at };

    private static async Task<PaymentSummary> MoveAsync<TData>(ProjectionContext rows, RecordedEvent<TData> e, string status, decimal? amount = null, string? currency = null)
    {
        var summary = await rows.FindOrAddAsync(e.Aggregate.Key, () => New(e.Aggregate.Key, status, e.Timestamp));
        (summary.Status, summary.ChangedAt) = (status, e.Timestamp);
        if (amount is { } a && currency is { } c)
        {
            (summary.Amount, summary.Currency) = (a, c);
        }

        return summary;
    }
}
