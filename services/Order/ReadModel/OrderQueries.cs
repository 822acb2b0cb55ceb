using WeeEvents.Hosting.Queries;
using WeeEvents.Services.Order.Domain;

namespace WeeEvents.Services.Order.ReadModel;

/// <summary>The order lists the Order service serves from its <see cref="OrderSummaries"/>.</summary>
public static class OrderQueries
{
    /// <summary>The statuses an order summary can have: every state of an order but <see cref="OrderState.Uninitialized"/>.</summary>
    public static readonly IReadOnlyList<string> Statuses = StateNames<OrderState>.AllBut(typeof(OrderState.Uninitialized));

    /// <summary>
    /// <c>GET /order?customerId=&amp;status=&amp;placedFrom=&amp;placedTo=</c>: order summaries (id, customer, status,
    /// total, placed, last change) by order id, visible as <see cref="OrderService.Access"/> says: an operator sees
    /// every order, any other caller only the orders whose customer is their token's subject.
    /// </summary>
    public static QueryDescription<OrderSummary> Summaries { get; } = Query
        .Over(OrderSummaries.Description, OrderService.EntityType, OrderService.Access, (OrderSummary s) => s.OrderId,
            "Orders as the read side has them, by order id: a write shows here once its events are projected, normally " +
            "well under a second later. An operator sees every order; anyone else only their own (their token's subject " +
            "is the order's customer).")
        .Text("customerId", "Only this customer's orders.", (rows, v) => rows.Where(s => s.CustomerId == v))
        .Text("status", "Only orders in this status.", (rows, v) => rows.Where(s => s.Status == v), allowed: Statuses)
        .Instant("placedFrom", "Only orders placed at or after this instant.", (rows, v) => rows.Where(s => s.PlacedAt >= v))
        .Instant("placedTo", "Only orders placed before this instant.", (rows, v) => rows.Where(s => s.PlacedAt < v))
        .OwnedBy(s => s.CustomerId)
        .Description();
}
