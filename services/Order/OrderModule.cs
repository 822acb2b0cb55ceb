using WeeEvents.Hosting;
using WeeEvents.Services.Order.Deadlines;
using WeeEvents.Services.Order.ReadModel;
using WeeEvents.Services.Order.Integration;
using WeeEvents.Services.Order.Operator;

namespace WeeEvents.Services.Order;

/// <summary>The Order service as one value, for its own host, the all-in-one demo and the tests.</summary>
public static class OrderModule
{
    /// <summary>Serves <c>/order</c>, publishes what happens to orders, and moves them along as the others report.</summary>
    public static ServiceModule Module { get; } = ServiceModule.Create("order")
        .Serves(OrderService.Description)
        .Publishes(OrderIntegration.Outbound)
        .Consumes(OrderInbound.Routes)
        .Projects(OrderSummaries.Description)                // the order_summaries read model
        .Queries(OrderQueries.Summaries)                     // GET /order?customerId=&status=&placedFrom=&placedTo=
        .With(services => services.AddOrderDeadlines())      // the watch that cancels orders past their deadline
        .Operates(OrderSearchEndpoint.Route, OrderSearchEndpoint.Map) // GET /operator/orders: the console's order search
        .ForgetsCustomers(takesRequests: true);              // POST /customer/{id}/forget, published as CustomerForgotten
}
