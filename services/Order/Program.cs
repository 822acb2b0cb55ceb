using WeeEvents.Hosting;
using WeeEvents.Services.Order;

// The Order service on its own: HTTP API on /order, its database, and RabbitMQ (see appsettings.json).
ServiceModule[] modules = [OrderModule.Module];
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
