using WeeEvents.AspNetCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Payment;

// The Payment service on its own: HTTP API on /payment, its database, and RabbitMQ (see appsettings.json).
var builder = WebApplication.CreateBuilder(args);
builder.AddWeeEventsServiceDefaults(messaging => messaging
    .Publish(OutboxMapper.Empty.MapPaymentEvents())
    .AddPaymentConsumers());
builder.Services.AddPaymentService();

var app = builder.Build();
app.MapWeeEventsDefaults();
app.MapPaymentService();
app.Run();
