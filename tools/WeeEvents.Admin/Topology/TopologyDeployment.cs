using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Routing;
using WeeEvents.MassTransit.Transport;

namespace WeeEvents.Admin.Topology;

/// <summary>
/// Declares, without consuming anything, every route's queue and the exchanges and bindings that carry its contract
/// to it, for all services at once (MassTransit's <c>DeployTopologyOnly</c>): run before the services start (and after a
/// release adds a route), so that a message published before its consumer is first deployed waits in that consumer's
/// queue instead of being dropped by an exchange with nothing bound. The endpoints are built by the same code and
/// settings (<c>WeeEvents:Messaging</c>, the queue type included) as the services', so the declarations match theirs.
/// It declares the exchanges of the contracts each service consumes and their bindings to its queues: services run with
/// <c>WeeEvents:Messaging:ConsumeTopology=Deployed</c> leave those to it, so their broker users need no right on them.
/// </summary>
public static class TopologyDeployment
{
    /// <summary>How long one attempt may take: declaring every route takes a few seconds.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private const int MaxAttempts = 3;

    /// <summary>Declares every route of <see cref="Fleet"/> on the broker of <c>ConnectionStrings:RabbitMq</c>.</summary>
    /// <returns>The routes declared.</returns>
    /// <exception cref="TimeoutException">No attempt finished within its time.</exception>
    public static async Task<IReadOnlyList<string>> DeployAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        // Whatever the services are told, the deployment declares the contract exchanges they consume and binds them:
        // that is its job when the services run with WeeEvents:Messaging:ConsumeTopology=Deployed.
        configuration = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection([new($"{ConsumerOptions.Section}:{nameof(ConsumerOptions.ConsumeTopology)}", nameof(RouteTopology.Service))])
            .Build();
        for (var attempt = 1; ; attempt++)
        {
            var provider = Deployment(configuration);
            var deployed = provider.GetRequiredService<IBusControl>().DeployAsync(cancellationToken);
            try
            {
                await deployed.WaitAsync(AttemptTimeout, cancellationToken).ConfigureAwait(false);
                await provider.DisposeAsync().ConfigureAwait(false);
                return [.. Fleet.Routes.Routes.Select(r => r.Name)];
            }
            catch (TimeoutException) when (attempt < MaxAttempts)
            {
                // MassTransit's deployment can stall stopping an endpoint whose declaration the broker never answered.
                // Every declaration is idempotent, so the stalled attempt is left behind (its bus may never stop, so it
                // is not awaited) and the whole deployment is made again.
                _ = provider.DisposeAsync().AsTask();
            }
        }
    }

    private static ServiceProvider Deployment(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        // MassTransit keeps the last bus's logger factory in a static context, which deployments running side by side
        // (one per virtual host in the tests) share: an instance registration is never disposed with its provider, so
        // disposing one deployment cannot leave another logging through a disposed factory. Nothing is logged anyway.
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddLogging();
        services.AddWeeEventsMessaging(configuration, messaging => messaging
            .Consume(Fleet.Routes)
            .ConfigureBus((_, bus) => bus.DeployTopologyOnly = true));
        var provider = services.BuildServiceProvider();
        // The host is not started here, so check the settings as a service's start-up would.
        _ = provider.GetRequiredService<IOptions<TransportOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ConsumerOptions>>().Value;
        if (provider.GetRequiredService<IOptions<TransportOptions>>().Value.Resolve() != MessagingTransport.RabbitMq)
        {
            throw new InvalidOperationException($"{TransportOptions.TransportKey} must be RabbitMq to deploy a broker's topology.");
        }

        return provider;
    }
}
