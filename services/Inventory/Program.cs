using WeeEvents.AspNetCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Inventory;

// The Inventory service on its own: HTTP API on /inventory-item, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(messaging => messaging
    .Publish(OutboxMapper.Empty.MapInventoryEvents())
    .AddInventoryConsumers());
builder.Services.AddInventoryService();

var app = builder.Build();
app.MapWeeEventsDefaults();
app.MapInventoryService();
app.Run();
