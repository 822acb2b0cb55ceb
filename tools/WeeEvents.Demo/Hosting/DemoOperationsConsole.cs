using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WeeEvents.AspNetCore.Security;
using WeeEvents.MassTransit.Transport;
using WeeEvents.OperationsConsole;

namespace WeeEvents.Demo.Hosting;

/// <summary>
/// The operations console beside the demo's services, in the same process (<c>--serve</c>): it reads the one host
/// that serves all four as the service <c>demo</c>, trusts the tokens the demo signs, and signs the demo's operator
/// in from a link, so a newcomer opens their orders' conversations with nothing to set up. With the in-memory bus
/// there are no queues to read: the failed-messages and queue views say so.
/// </summary>
internal sealed class DemoOperationsConsole(WebApplication app, Uri address, string token) : IAsyncDisposable
{
    /// <summary>The demo's operator, as the console and the services' logs name them.</summary>
    public const string Operator = "demo-operator";

    /// <summary>Where the console answers.</summary>
    public Uri Address { get; } = address;

    /// <summary>A link that signs the demo's operator in and opens <paramref name="then"/>.</summary>
    public Uri SignInLink(string then) =>
        new(Address, $"signin/token?token={Uri.EscapeDataString(token)}&returnUrl={Uri.EscapeDataString(then)}");

    /// <summary>Starts the console on a free port of the demo's host name.</summary>
    public static async Task<DemoOperationsConsole> StartAsync(DemoHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = new Dictionary<string, string?>(host.Tokens.Settings)
        {
            [$"{ConsoleOptions.Section}:Services:demo"] = host.BaseAddress.ToString(),
            // A link with a token in it: on this machine, for this run's operator only.
            [$"{ConsoleOptions.Section}:TokenLinks"] = "true",
        };
        if (host.Services.GetRequiredService<IConfiguration>()[TransportOptions.RabbitMqKey] is { Length: > 0 } rabbitMq
            && host.Transport.StartsWith("RabbitMQ", StringComparison.Ordinal))
        {
            settings["ConnectionStrings:RabbitMq"] = rabbitMq;
        }

        var app = OperationsConsoleApp.Build([], builder =>
        {
            builder.WebHost.UseUrls($"http://{host.BaseAddress.Host}:0");
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            // Its audit lines (an operator returned, discarded, rebuilt) are warnings: they show beside the demo's own.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DemoOperationsConsole(app, new Uri(address), host.Tokens.Mint(Operator, [WeeEventsRoles.Operator]));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
