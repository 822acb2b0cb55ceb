using WeeEvents.Hosting;
using WeeEvents.Services.Inventory;

// The Inventory service on its own: HTTP API on /inventory-item and /stock-reservation, its database, and RabbitMQ (see appsettings.json).
ServiceModule[] modules = [InventoryModule.Module];
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
