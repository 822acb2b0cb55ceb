using WeeEvents.AppHost.Servers;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost.Flow;

/// <summary>
/// The operations console (<c>tools/WeeEvents.OperationsConsole</c>) beside the services: their addresses, the run's
/// broker as its administrator, and the services' token rules, so the token the AppHost prints signs an operator in.
/// </summary>
public static class ConsoleResource
{
    /// <summary>The console's port on this machine, after the services' 5101–5104.</summary>
    public const int Port = 5105;

    /// <summary>Adds the console; it starts once every service is healthy (it reads their health, events and queues).</summary>
    public static IResourceBuilder<ProjectResource> Add(
        IDistributedApplicationBuilder builder, BackingServers servers, DevelopmentTokens tokens, OrderFlow.Resources flow)
    {
        var console = builder.AddProject<Projects.WeeEvents_OperationsConsole>("console")
            .WithHttpEndpoint(port: Port, name: "http")
            .WithEnvironment("OperationsConsole__RabbitMqManagement", servers.BrokerManagement)
            .WithEnvironment("ConnectionStrings__RabbitMq", servers.AdministratorUrl)
            .WithTokenRules(tokens);
        foreach (var (service, project) in flow.Services)
        {
            console.WithEnvironment($"OperationsConsole__Services__{service.Name}", project.GetEndpoint("http")).WaitFor(project);
        }

        return console;
    }
}
