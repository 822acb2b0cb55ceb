using WeeEvents.AppHost.Servers;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost.Flow;

/// <summary>
/// The order flow as compose deploys it, as resources: each service's broker user (<c>scripts/rabbitmq-users.sh</c>),
/// then the topology (the admin tool's <c>topology deploy</c>, as the broker's administrator), then the four services,
/// each with its own broker user, its own database, the run's signing key and key-encryption key.
/// </summary>
public static class OrderFlow
{
    /// <summary>The resources the flow added: the admin tool's and each service's.</summary>
    public sealed record Resources(IResourceBuilder<ProjectResource> Admin, IReadOnlyDictionary<FlowService, IResourceBuilder<ProjectResource>> Services);

    /// <summary>Adds the flow on <paramref name="servers"/>.</summary>
    public static Resources Add(IDistributedApplicationBuilder builder, BackingServers servers, AppHostSettings settings, DevelopmentTokens tokens, string repositoryRoot)
    {
        var passwords = FlowService.All.ToDictionary(s => s, _ => RunSecrets.Password());
        var brokerUsers = builder.AddExecutable("broker-users", "sh", repositoryRoot, "scripts/rabbitmq-users.sh")
            .WithEnvironment("WEEEVENTS_RABBITMQ_MANAGEMENT_URL", servers.BrokerManagement)
            .WithEnvironment("WEEEVENTS_RABBITMQ_VHOST", servers.VirtualHost)
            .WithEnvironment("WEEEVENTS_RABBITMQ_USER_PREFIX", servers.UserPrefix);
        foreach (var (service, password) in passwords)
        {
            brokerUsers.WithEnvironment($"WEEEVENTS_RABBITMQ_{service.Name.ToUpperInvariant()}_PASSWORD", password);
        }

        // The operator's tool: topology deploy, once, before any service starts (compose's `topology` container).
        var admin = builder.AddProject<Projects.WeeEvents_Admin>("admin")
            .WithArgs("topology", "deploy")
            .WithEnvironment("ConnectionStrings__RabbitMq", servers.AdministratorUrl);
        foreach (var broker in servers.Broker)
        {
            brokerUsers.WaitFor(broker);
            admin.WaitFor(broker);
        }

        // The KEK is the run's: data a run encrypts is read by that run only (the installed servers' databases are made
        // fresh at every start, the containers are new).
        var keyEncryptionKey = RunSecrets.KeyEncryptionKey();
        var services = FlowService.All.ToDictionary(s => s, s =>
        {
            var (events, database) = servers.Database(s);
            var project = s.AddProject(builder)
                .WithHttpEndpoint(port: s.Port, name: "http")
                .WithEnvironment(CopyUrls)
                .WithEnvironment("WeeEvents__Transport", "RabbitMq")
                .WithEnvironment("ConnectionStrings__RabbitMq", servers.ServiceUrl(s, passwords[s]))
                .WithEnvironment("WeeEvents__Messaging__ConsumeTopology", "Deployed")
                .WithEnvironment("WeeEvents__Database__Provider", "Postgres")
                .WithEnvironment("ConnectionStrings__Events", events)
                .WithEnvironment("WeeEvents__Protection__KeyEncryptionKeyId", "apphost")
                .WithEnvironment("WeeEvents__Protection__KeyEncryptionKey", keyEncryptionKey)
                .WithEnvironment("WeeEvents__Http__ApiDocs", "true")
                .WithHttpHealthCheck("/health/live")
                .WithHttpHealthCheck("/health/ready")
                .WaitForCompletion(brokerUsers)
                .WaitForCompletion(admin)
                .WithTokenRules(tokens);

            if (database is not null)
            {
                project.WaitFor(database);
            }

            return settings.InstancesOf(s.Name) is > 1 and var instances ? project.WithReplicas(instances) : project;
        });
        return new Resources(admin, services);
    }

    /// <summary>
    /// Each service's appsettings.json names its own port (<c>Urls</c>, for <c>dotnet run</c>), and appsettings.json wins
    /// over <c>ASPNETCORE_URLS</c>, which the AppHost sets; <c>URLS</c> wins over both. Copied per instance, so each
    /// instance listens where the AppHost's proxy sends it.
    /// </summary>
    private static void CopyUrls(EnvironmentCallbackContext context)
    {
        if (context.EnvironmentVariables.TryGetValue("ASPNETCORE_URLS", out var urls))
        {
            context.EnvironmentVariables["URLS"] = urls;
        }
    }
}
