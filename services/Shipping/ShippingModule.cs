using WeeEvents.Hosting;
using WeeEvents.Services.Shipping.Integration;
using WeeEvents.Services.Shipping.ReadModel;

namespace WeeEvents.Services.Shipping;

/// <summary>The Shipping service as one value, for its own host, the all-in-one demo and the tests.</summary>
public static class ShippingModule
{
    /// <summary>Serves <c>/shipment</c> (including dispatch-shipment and deliver-shipment), publishes scheduled shipments, and follows each order.</summary>
    public static ServiceModule Module { get; } = ServiceModule.Create("shipping")
        .Serves(ShippingService.Description)
        .Publishes(ShippingIntegration.Outbound)
        .Consumes(ShippingInbound.Routes)
        .Projects(ShipmentSummaries.Projection)
        .Queries(ShipmentSummaries.Query)
        .ForgetsCustomers();                                 // CustomerForgotten: destroy the customer's keys here
}
