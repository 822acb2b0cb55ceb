using WeeEvents.Hosting;
using WeeEvents.Services.Shipping;

// The Shipping service on its own: HTTP API on /shipment, its database, and RabbitMQ (see appsettings.json).
ServiceModule[] modules = [ShippingModule.Module];
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
