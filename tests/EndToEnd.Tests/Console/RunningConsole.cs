using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WeeEvents.AspNetCore.Security;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.OperationsConsole;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>The operations console, in the test process on a free port, reading <paramref name="system"/>'s services and broker.</summary>
public sealed class RunningConsole(WebApplication app, Uri address) : IAsyncDisposable
{
    /// <summary>Where the browser opens it.</summary>
    public Uri Address { get; } = address;

    /// <summary>Starts the console against the running services of <paramref name="system"/> and its virtual host.</summary>
    public static async Task<RunningConsole> StartAsync(OrderSystem system, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Issuer.Settings)
        {
            ["ConnectionStrings:RabbitMq"] = system.VirtualHost.AmqpUrl.ToString(),
            [$"{ConsoleOptions.Section}:RabbitMqManagement"] = RequiredEnvironment.Get(RequiredEnvironment.RabbitMqManagementUrl, "http://guest:guest@127.0.0.1:15672/"),
            [$"{ConsoleOptions.Section}:TokenLinks"] = "true",
        };
        foreach (var service in Enum.GetValues<FlowService>())
        {
            settings[$"{ConsoleOptions.Section}:Services:{service.ToString().ToLowerInvariant()}"] = system.Http(service).BaseAddress!.ToString();
        }

        var app = OperationsConsoleApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningConsole(app, new Uri(address));
    }

    /// <summary>An address on the console that signs the browser in with <paramref name="token"/> first.</summary>
    public string SignInLink(string token, string then = "/failed") =>
        new Uri(Address, $"/signin/token?token={Uri.EscapeDataString(token)}&returnUrl={Uri.EscapeDataString(then)}").ToString();

    /// <summary>An operator's token, as the test's identity provider mints them.</summary>
    public static string OperatorToken => TestTokens.Issuer.Mint("ops-oliver", [WeeEventsRoles.Operator]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
