using WeeEvents.AspNetCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Shipping;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What each service's <c>Program.cs</c> does, line for line, so a test host is the deployed service. The only
/// difference: Payment's gateway is handed in, so a test can see what was charged (the module takes any gateway).
/// </summary>
public static class ServiceWiring
{
    public static void Register(WebApplicationBuilder builder, FlowService service, IPaymentGateway gateway)
    {
        switch (service)
        {
            case FlowService.Order:
                builder.AddWeeEventsServiceDefaults(messaging => messaging
                    .Publish(OutboxMapper.Empty.MapOrderEvents())
                    .AddOrderConsumers());
                builder.Services.AddOrderService();
                break;
            case FlowService.Inventory:
                builder.AddWeeEventsServiceDefaults(messaging => messaging
                    .Publish(OutboxMapper.Empty.MapInventoryEvents())
                    .AddInventoryConsumers());
                builder.Services.AddInventoryService();
                break;
            case FlowService.Payment:
                builder.AddWeeEventsServiceDefaults(messaging => messaging
                    .Publish(OutboxMapper.Empty.MapPaymentEvents())
                    .AddPaymentConsumers());
                builder.Services.AddPaymentService(gateway);
                break;
            case FlowService.Shipping:
                builder.AddWeeEventsServiceDefaults(messaging => messaging
                    .Publish(OutboxMapper.Empty.MapShippingEvents())
                    .AddShippingConsumers());
                builder.Services.AddShippingService();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, null);
        }
    }

    public static void Map(WebApplication app, FlowService service)
    {
        app.MapWeeEventsDefaults();
        _ = service switch
        {
            FlowService.Order => app.MapOrderService(),
            FlowService.Inventory => app.MapInventoryService(),
            FlowService.Payment => app.MapPaymentService(),
            FlowService.Shipping => app.MapShippingService(),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
        };
    }
}
