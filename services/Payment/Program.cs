using WeeEvents.Hosting;
using WeeEvents.Services.Payment;

// The Payment service on its own: HTTP API on /payment, its database, and RabbitMQ (see appsettings.json).
ServiceModule[] modules = [PaymentModule.Create()];
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
