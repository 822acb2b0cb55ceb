using WeeEvents.AspNetCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Shipping;

// The Shipping service on its own: HTTP API on /shipment, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(messaging => messaging
    .Publish(OutboxMapper.Empty.MapShippingEvents())
    .AddShippingConsumers());
builder.Services.AddShippingService();

var app = builder.Build();
app.MapWeeEventsDefaults();
app.MapShippingService();
app.Run();
