using FluentValidation;
using WeeEvents.Hosting;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;

// The Payment service on its own: HTTP API on /payment, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
var gateway = builder.Configuration.GetSection(PaymentGatewayOptions.Section).Get<PaymentGatewayOptions>() ?? new PaymentGatewayOptions();
// Read before the container exists (the module is built from it), so checked here, by the same kind of validator.
new PaymentGatewayOptionsValidator().ValidateAndThrow(gateway);
ServiceModule[] modules = [PaymentModule.Create(resilience: gateway)];
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
