using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.MassTransit;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// A service's broker user cannot break the others: with the permissions of <c>scripts/rabbitmq-users.sh</c>, on a
/// virtual host deployed as compose deploys one, each user is refused (ACCESS_REFUSED) when it tries to delete or
/// declare another service's contract exchanges (those it consumes included), route queues and exchanges, or bus queue,
/// or to read or purge those queues; it may still declare its own. The order flow tests run the services with these
/// same users, so they prove the permissions suffice.
/// </summary>
public sealed class BrokerPermissionTests(BrokerPermissionTests.DeployedBroker broker) : IClassFixture<BrokerPermissionTests.DeployedBroker>
{
    public static TheoryData<FlowService> Services => [.. Enum.GetValues<FlowService>()];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_user_can_neither_delete_nor_declare_another_services_exchanges(FlowService service)
    {
        await using var connection = await broker.ConnectAsync(service);
        var allowed = new List<string>();
        foreach (var other in Others(service))
        {
            foreach (var exchange in broker.ContractExchangesOf(other).Concat(broker.RouteQueuesOf(other)).Concat([broker.BusQueues[other]]))
            {
                await Refused(connection, $"delete exchange {exchange}", c => c.ExchangeDeleteAsync(exchange, ifUnused: false), allowed);
                await Refused(connection, $"declare exchange {exchange}", c => c.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false), allowed);
            }
        }

        Assert.True(allowed.Count == 0, $"{service}'s user was allowed to: {string.Join("; ", allowed)}");
    }

    [Fact]
    public async Task Orders_user_cannot_delete_the_exchange_of_the_payment_succeeded_it_consumes()
    {
        await using var connection = await broker.ConnectAsync(FlowService.Order);

        var failure = await Attempt(connection, c => c.ExchangeDeleteAsync("WeeEvents.Contracts.Payment:PaymentSucceeded", ifUnused: false));

        Assert.Contains("ACCESS_REFUSED", failure?.ToString() ?? "deleted", StringComparison.Ordinal);
        Assert.Contains("WeeEvents.Contracts.Payment:PaymentSucceeded", await RabbitMqBroker.ExchangesAsync(broker.VirtualHost, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_user_can_neither_delete_declare_read_nor_purge_another_services_queues(FlowService service)
    {
        await using var connection = await broker.ConnectAsync(service);
        var allowed = new List<string>();
        foreach (var other in Others(service))
        {
            foreach (var queue in broker.RouteQueuesOf(other).Concat([broker.BusQueues[other]]))
            {
                await Refused(connection, $"delete queue {queue}", c => c.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false), allowed);
                await Refused(connection, $"declare queue {queue}", c => c.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false), allowed);
                await Refused(connection, $"purge queue {queue}", c => c.QueuePurgeAsync(queue), allowed);
                await Refused(connection, $"read queue {queue}", c => c.BasicGetAsync(queue, autoAck: false), allowed);
            }
        }

        Assert.True(allowed.Count == 0, $"{service}'s user was allowed to: {string.Join("; ", allowed)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_user_may_declare_its_own_queues_bus_queue_and_published_contracts(FlowService service)
    {
        await using var connection = await broker.ConnectAsync(service);
        var route = broker.RouteQueuesOf(service).First();

        Assert.Null(await Attempt(connection, c => c.ExchangeDeclareAsync(route, ExchangeType.Fanout, durable: true, autoDelete: false)));
        Assert.Null(await Attempt(connection, c => c.QueueDeclareAsync(WeeEventsMessagingServiceCollectionExtensions.BusEndpointName(RabbitMqBroker.ServiceUser(service)), durable: false, exclusive: false, autoDelete: true)));
        foreach (var contract in broker.ContractExchangesOf(service))
        {
            Assert.Null(await Attempt(connection, c => c.ExchangeDeclareAsync(contract, ExchangeType.Fanout, durable: true, autoDelete: false)));
        }
    }

    private static IEnumerable<FlowService> Others(FlowService service) => Enum.GetValues<FlowService>().Where(s => s != service);

    private static async Task Refused(IConnection connection, string what, Func<IChannel, Task> attempt, List<string> allowed)
    {
        var failure = await Attempt(connection, attempt);
        if (failure is not OperationInterruptedException { ShutdownReason.ReplyCode: 403 })
        {
            allowed.Add($"{what} ({failure?.Message ?? "done"})");
        }
    }

    /// <summary>Runs <paramref name="attempt"/> on a channel of its own (a refusal closes the channel); the error, or null.</summary>
    private static async Task<Exception?> Attempt(IConnection connection, Func<IChannel, Task> attempt)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            await attempt(channel);
            return null;
        }
        catch (OperationInterruptedException e)
        {
            return e;
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }

    /// <summary>
    /// A virtual host deployed as compose deploys one (users, then the topology), plus a bus queue per service as a
    /// running instance declares it, so there is something of every kind to try to break.
    /// </summary>
    public sealed class DeployedBroker : IAsyncLifetime
    {
        private VirtualHost? _virtualHost;

        public VirtualHost VirtualHost => _virtualHost ?? throw new InvalidOperationException("Not deployed yet.");

        /// <summary>A bus queue of each service, named as its instances name theirs.</summary>
        public IReadOnlyDictionary<FlowService, string> BusQueues { get; } =
            Enum.GetValues<FlowService>().ToDictionary(s => s, s => WeeEventsMessagingServiceCollectionExtensions.BusEndpointName(RabbitMqBroker.ServiceUser(s)));

        /// <summary>The route queues (and exchanges of the same names) of <paramref name="service"/>.</summary>
        public IEnumerable<string> RouteQueuesOf(FlowService service) =>
            ServiceWiring.Modules(service, new HoldingPaymentGateway()).SelectMany(m => m.Inbound.Routes).Select(r => r.Name);

        /// <summary>The exchanges of the contracts <paramref name="service"/> publishes (MassTransit names them <c>Namespace:Type</c>).</summary>
        public IEnumerable<string> ContractExchangesOf(FlowService service) =>
            ServiceWiring.Modules(service, new HoldingPaymentGateway()).SelectMany(m => m.Outbound.Contracts.Types.Values).Select(t => $"{t.Namespace}:{t.Name}");

        /// <summary>A connection as <paramref name="service"/>'s own user.</summary>
        public Task<IConnection> ConnectAsync(FlowService service) =>
            new ConnectionFactory { Uri = VirtualHost.AmqpUrlFor(service) }.CreateConnectionAsync(TestContext.Current.CancellationToken);

        public async ValueTask InitializeAsync()
        {
            var cancellationToken = TestContext.Current.CancellationToken;
            _virtualHost = await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken);
            await using var connection = await new ConnectionFactory { Uri = VirtualHost.AmqpUrl }.CreateConnectionAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var service in Enum.GetValues<FlowService>())
            {
                // Every contract a service publishes has its exchange, as once the service has published.
                foreach (var exchange in ContractExchangesOf(service))
                {
                    await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                }

                await channel.QueueDeclareAsync(BusQueues[service], durable: false, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_virtualHost is not null)
            {
                await _virtualHost.DisposeAsync();
            }
        }
    }
}
