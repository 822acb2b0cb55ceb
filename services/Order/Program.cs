using WeeEvents.AspNetCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Order;

// The Order service on its own: HTTP API on /order, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(messaging => messaging
    .Publish(OutboxMapper.Empty.MapOrderEvents())
    .AddOrderConsumers());
builder.Services.AddOrderService();

var app = builder.Build();
app.MapWeeEventsDefaults();
app.MapOrderService();
app.Run();
