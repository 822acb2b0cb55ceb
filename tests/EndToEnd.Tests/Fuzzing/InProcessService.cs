using WeeEvents.Hosting;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.MassTransit.Transport;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.EndToEnd.Tests.Fuzzing;

/// <summary>
/// One service as its <c>Program.cs</c> wires it, on Kestrel in this process, on its own database and the in-memory
/// bus: the HTTP API exactly as deployed, without the broker its messages would travel through. Keeps every entry
/// logged at Error or above.
/// </summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceDatabase _database;

    private InProcessService(WebApplication app, ServiceDatabase database, Uri address, ConcurrentQueue<string> errors)
    {
        _app = app;
        _database = database;
        Address = address;
        Errors = errors;
        // Header values go as UTF-8, so a generated non-ASCII value reaches the server (which must refuse it politely).
        Http = TestTokens.Authorize(new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>What the service logged at Error or Critical.</summary>
    public ConcurrentQueue<string> Errors { get; }

    public static async Task<InProcessService> StartAsync(FlowService service, string provider, string directory, CancellationToken cancellationToken)
    {
        var database = provider == "Postgres" ? ServiceDatabase.Postgres(service.ToString()) : ServiceDatabase.Sqlite(service.ToString(), directory);
        var errors = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(
        [
            .. database.Settings,
            .. TestTokens.Settings,
            .. TestKek.Settings, // personal data encrypted, as in production
            new(TransportOptions.TransportKey, "InMemory"),
            new("Urls", "http://127.0.0.1:0"),
            new("Logging:LogLevel:Default", "Warning"),
            // As in ServiceHost: a lost optimistic-concurrency race (two generated commands on one key at once) is an
            // expected outcome, which EF Core logs as a failed command at Error.
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None"),
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Update", "None"),
        ]);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ErrorCollector(errors));
        var modules = ServiceWiring.Modules(service, new SimulatedPaymentGateway());
        builder.AddWeeEventsServiceDefaults(modules);
        var app = builder.Build();
        app.MapWeeEventsServices(modules);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InProcessService(app, database, new Uri(address), errors);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => new Categorised(errors, categoryName);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Categorised(ConcurrentQueue<string> errors, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
                }
            }
        }
    }
}
