using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Hosting.Queries;
using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Events;

namespace WeeEvents.Services.Shipping.ReadModel;

/// <summary>The <c>shipment_summaries</c> table, kept by a projection of the shipment events, and its list.</summary>
public static class ShipmentSummaries
{
    /// <summary>The statuses a shipment summary can have: every state of a shipment but <see cref="ShipmentState.Uninitialized"/>.</summary>
    public static readonly IReadOnlyList<string> Statuses = StateNames<ShipmentState>.AllBut(typeof(ShipmentState.Uninitialized));

    /// <summary>The projection.</summary>
    public static ProjectionDescription Projection { get; } = EntityFrameworkCore.Projections.Projection.Named("shipment-summaries")
        .Of(ShippingService.EntityType)
        .Stores<ShipmentSummary>(b =>
        {
            b.ToTable("shipment_summaries");
            b.HasKey(s => s.ShipmentId).HasName("pk_shipment_summaries");
            b.Property(s => s.ShipmentId).HasColumnName("shipment_id").HasMaxLength(200);
            b.Property(s => s.Status).HasColumnName("status").HasMaxLength(40);
            b.Property(s => s.Carrier).HasColumnName("carrier").HasMaxLength(100);
            b.Property(s => s.TrackingNumber).HasColumnName("tracking_number").HasMaxLength(100);
            b.Property(s => s.ChangedAt).HasColumnName("changed_at");
            b.Property(s => s.CustomerId).HasColumnName("customer_id").HasMaxLength(200);
            b.HasIndex(s => new { s.Status, s.Carrier }).HasDatabaseName("ix_shipment_summaries_status");
            b.HasIndex(s => s.CustomerId).HasDatabaseName("ix_shipment_summaries_customer");
        })
        // The address and the payment arrive in either order; the first makes the row, and what it still waits for.
        .On<AddressNoted.Data>(AddressNoted.Name, async (rows, e) =>
            (await rows.FindOrAddAsync(e.Aggregate.Key, () => New(e.Aggregate.Key, Status<ShipmentState.AwaitingPayment>(), e.Timestamp))).CustomerId = e.Data.CustomerId)
        .On<PaymentNoted.Data>(PaymentNoted.Name, async (rows, e) =>
            await rows.FindOrAddAsync(e.Aggregate.Key, () => New(e.Aggregate.Key, Status<ShipmentState.AwaitingAddress>(), e.Timestamp)))
        .On<ShipmentScheduled.Data>(ShipmentScheduled.Name, async (rows, e) =>
        {
            var summary = await MoveAsync(rows, e, Status<ShipmentState.Scheduled>());
            (summary.Carrier, summary.TrackingNumber) = (e.Data.Carrier, e.Data.TrackingNumber);
        })
        .On<ShipmentDispatched.Data>(ShipmentDispatched.Name, (rows, e) => MoveAsync(rows, e, Status<ShipmentState.Dispatched>()))
        .On<ShipmentDelivered.Data>(ShipmentDelivered.Name, (rows, e) => MoveAsync(rows, e, Status<ShipmentState.Delivered>()))
        .On<ShipmentCancelled.Data>(ShipmentCancelled.Name, (rows, e) => MoveAsync(rows, e, Status<ShipmentState.Cancelled>()))
        .Description();

    /// <summary>
    /// <c>GET /shipment?status=&amp;carrier=</c>: shipments by id, visible as <see cref="ShippingService.Access"/> says:
    /// clerks and operators every row, a customer their own.
    /// </summary>
    public static QueryDescription<ShipmentSummary> Query { get; } = Hosting.Queries.Query
        .Over(Projection, ShippingService.EntityType, ShippingService.Access, (ShipmentSummary s) => s.ShipmentId,
            "Shipments by id, as the read side has them: status, carrier, tracking number, last change (never the address).")
        .Text("status", "Only shipments in this status.", (rows, v) => rows.Where(s => s.Status == v), allowed: Statuses)
        .Text("carrier", "Only shipments with this carrier.", (rows, v) => rows.Where(s => s.Carrier == v), maxLength: 100)
        .OwnedBy(s => s.CustomerId)
        .Description();

    /// <summary>The status a row takes when its shipment enters <typeparamref name="TCase"/>: the state's own name.</summary>
    private static string Status<TCase>()
        where TCase : ShipmentState => StateNames<ShipmentState>.Of<TCase>();

    private static ShipmentSummary New(string id, string status, DateTimeOffset at) => new() { ShipmentId = id, Status = status, ChangedAt = at };

    private static async Task<ShipmentSummary> MoveAsync<TData>(ProjectionContext rows, RecordedEvent<TData> e, string status)
    {
        var summary = await rows.FindOrAddAsync(e.Aggregate.Key, () => New(e.Aggregate.Key, status, e.Timestamp));
        (summary.Status, summary.ChangedAt) = (status, e.Timestamp);
        return summary;
    }
}
