using WeeEvents.Hosting;
using System.ComponentModel.DataAnnotations;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;

// The Payment service on its own: HTTP API on /payment, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
var gateway = builder.Configuration.GetSection(PaymentGatewayOptions.Section).Get<PaymentGatewayOptions>() ?? new PaymentGatewayOptions();
Validator.ValidateObject(gateway, new ValidationContext(gateway), validateAllProperties: true);
ServiceModule[] modules = [PaymentModule.Create(resilience: gateway)];
builder.AddWeeEventsServiceDefaults(modules);

var app = builder.Build();
app.MapWeeEventsServices(modules);
app.Run();
