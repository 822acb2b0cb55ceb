using WeeEvents.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WeeEvents.MassTransit.Transport;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One service running as its own host: its own container, Kestrel on a free port of 127.0.0.1, its own database and
/// its own connection to the broker, configured through the keys a deployed service reads.
/// </summary>
public sealed class ServiceHost : IRunningService
{
    private readonly WebApplication _app;

    private ServiceHost(FlowService service, WebApplication app, Uri address)
    {
        Service = service;
        _app = app;
        Http = TestTokens.Authorize(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
    }

    public FlowService Service { get; }

    /// <summary>A client of this service's HTTP API.</summary>
    public HttpClient Http { get; }

    public static async Task<ServiceHost> StartAsync(
        FlowService service,
        ServiceDatabase database,
        VirtualHost virtualHost,
        IPaymentGateway gateway,
        ServiceLog log,
        string contentRoot,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // An empty content root: the services' appsettings.json files (copied next to the tests) must not leak in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(
        [
            .. database.Settings,
            .. TestTokens.Settings,
            .. TestKek.Settings, // personal data encrypted, as in production
            new(TransportOptions.TransportKey, "RabbitMq"),
            new(TransportOptions.RabbitMqKey, virtualHost.AmqpUrlFor(service).ToString()),
            .. ServiceWiring.Deployed,
            new("Urls", "http://127.0.0.1:0"),
            new("Logging:LogLevel:Default", "Warning"),
            // A lost optimistic-concurrency race is an expected outcome (MassTransit's retry warning says so); EF Core
            // logs each one as a failed command at Error, which would bury what a failing test needs to show.
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None"),
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Update", "None"),
            .. settings ?? [],
        ]);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log.For(service));
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });

        var modules = ServiceWiring.Modules(service, gateway);
        builder.AddWeeEventsServiceDefaults(modules);
        var app = builder.Build();
        app.MapWeeEventsServices(modules);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ServiceHost(service, app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
