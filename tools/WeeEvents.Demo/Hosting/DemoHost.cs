using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;
using WeeEvents.AspNetCore;
using WeeEvents.AspNetCore.RateLimiting;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Demo.Orders;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Hosting;
using WeeEvents.MassTransit.Transport;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Shipping;

namespace WeeEvents.Demo.Hosting;

/// <summary>
/// The four services in one <see cref="WebApplication"/>: one container, one database, one combined outbox mapper,
/// every consumer, every route. Exactly what the four hosts do, composed.
/// </summary>
public sealed class DemoHost : IAsyncDisposable
{
    private static readonly TimeSpan BusStartTimeout = TimeSpan.FromSeconds(30);

    private DemoHost(WebApplication app, DemoDatabase database, string transport, Uri baseAddress, DevelopmentTokens tokens)
    {
        App = app;
        Tokens = tokens;
        Database = database;
        Transport = transport;
        BaseAddress = baseAddress;
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>The database the services share.</summary>
    public DemoDatabase Database { get; }

    /// <summary>The bus, as the report prints it.</summary>
    public string Transport { get; }

    /// <summary>Where the HTTP API answers.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What signs the tokens the services accept.</summary>
    public DevelopmentTokens Tokens { get; }

    /// <summary>A bearer token for the demo's own client: it stocks the shelves, so it is an inventory manager, and an operator, to read history.</summary>
    public string ClientToken() => Tokens.Mint(DemoTokens.Subject, [InventoryItemService.ManagerRole, WeeEventsRoles.Operator]);

    /// <summary>The application's services (to load entities in-process).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Builds and starts the host; on failure nothing is left running and the demo's database is removed.</summary>
    public static async Task<DemoHost> StartAsync(DemoOptions options, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.ConfigurationArguments],
            ApplicationName = typeof(DemoHost).Assembly.GetName().Name,
            // A tool for development: it runs in the Development environment, the only one that accepts the published
            // development KEK it encrypts with, unless the environment names another (which then needs a KEK of its own).
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } named ? named
                : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
                : Environments.Development,
        });

        // The demo is configured by its options, environment variables and --Section:Key=value: never by an
        // appsettings.json that happens to sit in the working directory (the services' own point at RabbitMQ).
        foreach (var json in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(json);
        }

        var database = DemoDatabase.Choose(builder.Configuration, tag, options.Keep);
        var transport = Configure(builder.Configuration, options, database);
        var tokens = DemoTokens.Configure(builder.Configuration);
        try
        {
            builder.WebHost.UseUrls(options.Urls);
            ConfigureLogging(builder.Logging);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.Services.Configure<MassTransitHostOptions>(o =>
            {
                o.WaitUntilStarted = true;
                o.StartTimeout = BusStartTimeout;
                o.StopTimeout = TimeSpan.FromSeconds(10);
            });

            ServiceModule[] modules = [OrderModule.Module, InventoryModule.Module, PaymentModule.Create(), ShippingModule.Module];
            builder.AddWeeEventsServiceDefaults(modules, messaging =>
            {
                messaging.DefaultTransport = MessagingTransport.InMemory;
                // The demo's own observer of order outcomes: a temporary queue, gone when the demo stops.
                messaging.Consumers(x => x.AddConsumer<OrderEndObserver>().Endpoint(e => e.Temporary = true));
            });
            builder.Services.AddSingleton<OrderEndSignal>();

            var app = builder.Build();
            app.MapWeeEventsServices(modules);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new DemoHost(app, database, transport, Listening(app), tokens);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Stops the host and removes the demo's database unless it is kept.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
            Database.Dispose();
        }
    }

    /// <summary>Adds what the demo decides on top of everything configured: the bus and the database it defaults to.</summary>
    private static string Configure(ConfigurationManager configuration, DemoOptions options, DemoDatabase database)
    {
        var decided = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (options.Transport is { } chosen)
        {
            decided[TransportOptions.TransportKey] = chosen.ToString();
        }

        var transport = decided.GetValueOrDefault(TransportOptions.TransportKey) ?? configuration[TransportOptions.TransportKey];
        var rabbitMq = string.Equals(transport, nameof(MessagingTransport.RabbitMq), StringComparison.OrdinalIgnoreCase);
        string description;
        if (rabbitMq)
        {
            var url = options.RabbitMqUrl ?? configuration[TransportOptions.RabbitMqKey] ?? DemoOptions.DefaultRabbitMqUrl;
            decided[TransportOptions.RabbitMqKey] = url;
            description = $"RabbitMQ {Redacted(url)}";
        }
        else
        {
            description = "in-memory bus";
        }

        // The demo invites its user to explore the API at /scalar, whatever the environment.
        if (configuration[$"{WeeEventsHttpOptions.Section}:ApiDocs"] is null)
        {
            decided[$"{WeeEventsHttpOptions.Section}:ApiDocs"] = "true";
        }

        // The demo's own client is one caller that places its orders in parallel and reads every open one ten times a
        // second: far more than the rate limit sized for one ordinary client. The limits stay on (their cost is measured
        // with everything else), sized for that client, unless configured otherwise.
        foreach (var (key, value) in new[] { ("PermitLimit", "100000"), ("PermitsPerSecond", "100000") })
        {
            if (configuration[$"{WeeEventsRateLimitOptions.Section}:{key}"] is null)
            {
                decided[$"{WeeEventsRateLimitOptions.Section}:{key}"] = value;
            }
        }

        if (database.ConnectionString is { } connectionString)
        {
            decided[StorageOptions.ProviderKey] = "Sqlite";
            decided[StorageOptions.ConnectionStringKey] = connectionString;
        }

        configuration.AddInMemoryCollection(decided);
        return description;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // The console belongs to the progress bar and the report: only trouble is logged there.
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(LogLevel.Warning);
        // Retried messages (the flaky gateway, lost revision races) are expected here; a message that finally fails is an error.
        logging.AddFilter("MassTransit", LogLevel.Error);
        // A lost optimistic-concurrency race is a unique-index violation EF logs as an error; the store turns it into a
        // RevisionConflict that is retried, and whatever finally fails surfaces as a MassTransit fault above.
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
    }

    private static Uri Listening(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The HTTP server reports no address.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }

    private static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? url.Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal)
            : url;
}
