using WeeEvents.AppHost.Flow;

namespace WeeEvents.AppHost.Servers;

/// <summary>RabbitMQ (with its management API) and PostgreSQL as containers, fresh for every run.</summary>
public static class ContainerServers
{
    /// <summary>Adds both containers, and a database per service on the PostgreSQL one.</summary>
    public static BackingServers Add(IDistributedApplicationBuilder builder)
    {
        // Passwords of letters and digits: they go into AMQP URLs and connection strings unescaped.
        var brokerPassword = builder.AddParameter("rabbitmq-password", RunSecrets.Password(), secret: true);
        var rabbit = builder.AddRabbitMQ("rabbitmq", password: brokerPassword).WithManagementPlugin();
        var postgres = builder.AddPostgres("postgres", password: builder.AddParameter("postgres-password", RunSecrets.Password(), secret: true));
        var databases = FlowService.All.ToDictionary(s => s, s => postgres.AddDatabase($"{s.Name}-events", $"weeevents_{s.Name}"));
        var administrator = ReferenceExpression.Create($"{rabbit.Resource.UserNameReference}:{brokerPassword.Resource}");
        var management = rabbit.Resource.GetEndpoint("management");
        return new BackingServers
        {
            Description = "RabbitMQ and PostgreSQL in containers, new for this run",
            BrokerHostAndPort = ReferenceExpression.Create($"{rabbit.Resource.PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}"),
            BrokerAdministrator = administrator,
            BrokerManagement = ReferenceExpression.Create($"http://{administrator}@{management.Property(EndpointProperty.HostAndPort)}"),
            VirtualHost = "/",
            UserPrefix = "",
            Broker = [rabbit],
            Database = s => (databases[s].Resource.ConnectionStringExpression, databases[s]),
        };
    }
}
