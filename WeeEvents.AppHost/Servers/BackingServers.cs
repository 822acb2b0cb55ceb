using WeeEvents.AppHost.Flow;

namespace WeeEvents.AppHost.Servers;

/// <summary>What the order flow needs of its broker and database, wherever they run (containers or this machine).</summary>
public sealed class BackingServers
{
    /// <summary>Which servers these are, in a sentence the AppHost prints.</summary>
    public required string Description { get; init; }

    /// <summary>The broker's AMQP host and port (<c>127.0.0.1:5672</c>).</summary>
    public required ReferenceExpression BrokerHostAndPort { get; init; }

    /// <summary>The broker's administrator, as <c>user:password</c> (URL-safe), for the topology and the parked messages.</summary>
    public required ReferenceExpression BrokerAdministrator { get; init; }

    /// <summary>The management API's root with the administrator in it (<c>http://user:password@host:15672</c>).</summary>
    public required ReferenceExpression BrokerManagement { get; init; }

    /// <summary>The virtual host the flow runs in.</summary>
    public required string VirtualHost { get; init; }

    /// <summary>Put before each service's broker user's name, so runs on one broker keep their users apart.</summary>
    public required string UserPrefix { get; init; }

    /// <summary>What a resource that uses the broker waits for (the container), if anything.</summary>
    public required IReadOnlyList<IResourceBuilder<IResource>> Broker { get; init; }

    /// <summary>The <c>ConnectionStrings:Events</c> of a service's own database, and what a service waits for before it connects.</summary>
    public required Func<FlowService, (ReferenceExpression ConnectionString, IResourceBuilder<IResource>? Resource)> Database { get; init; }

    /// <summary>The virtual host as the URL path names it (<c>/</c> is the default one).</summary>
    private string VirtualHostPath => VirtualHost == "/" ? "" : Uri.EscapeDataString(VirtualHost);

    /// <summary>The AMQP URL of the virtual host as its administrator.</summary>
    public ReferenceExpression AdministratorUrl =>
        ReferenceExpression.Create($"amqp://{BrokerAdministrator}@{BrokerHostAndPort}/{VirtualHostPath}");

    /// <summary>The AMQP URL of the virtual host as <paramref name="service"/>'s own user.</summary>
    public ReferenceExpression ServiceUrl(FlowService service, string password) =>
        ReferenceExpression.Create($"amqp://{UserPrefix}{service.Name}:{password}@{BrokerHostAndPort}/{VirtualHostPath}");
}
