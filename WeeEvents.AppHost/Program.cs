using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.AppHost;
using WeeEvents.AppHost.Flow;
using WeeEvents.AppHost.Operations;
using WeeEvents.AppHost.Servers;
using WeeEvents.AspNetCore.Security;

// The order flow the .NET way: `dotnet run --project WeeEvents.AppHost` runs the four services, their broker and
// database, the topology and the Aspire dashboard, and prints the dashboard's address.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

var containers = settings.Servers switch
{
    ServerChoice.Containers => true,
    ServerChoice.Installed => false,
    _ => await DockerEngine.AnswersAsync(CancellationToken.None),
};
var reason = settings.Servers == ServerChoice.Auto
    ? containers ? "a Docker engine answered" : "no Docker engine answered"
    : $"{AppHostSettings.Section}:Servers={settings.Servers}";
var servers = containers
    ? ContainerServers.Add(builder)
    : await InstalledServers.PrepareAsync(builder.Configuration, settings, repositoryRoot, CancellationToken.None);

// The run is its own identity provider, as the demo and the tests are: a key for the run, and a token it prints.
var tokens = settings.SigningKey is { } signingKey ? new DevelopmentTokens(signingKey) : DevelopmentTokens.CreateRandom();
var flow = OrderFlow.Add(builder, servers, settings, tokens, repositoryRoot);
ConsoleResource.Add(builder, servers, tokens, flow);
flow.Admin.WithParkedMessageCommands(servers);
flow.Services[FlowService.All[0]].WithForgetCustomerCommand(tokens);

var app = builder.Build();
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WeeEvents.AppHost");
AppHostLog.ServersChosen(log, servers.Description, reason);
AppHostLog.OperatorToken(log, tokens.Mint("operator", OperatorToken.Roles));
await app.RunAsync();
