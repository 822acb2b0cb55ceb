using System.Net.Http.Json;
using System.Text.Json;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The flow as <c>--scale order=2 --scale inventory=2 …</c> deploys it: two processes of every service, the two of a
/// service on one PostgreSQL database and both on its queues. The services reach PostgreSQL and RabbitMQ through
/// relays the tests can cut (<see cref="DatabaseRelay"/>, <see cref="BrokerRelay"/>), so an outage is this system's alone, and
/// any instance can be killed (SIGKILL) and started again. HTTP goes to each service's first instance.
/// </summary>
public sealed class ScaledOutOrderSystem() : OrderSystem("Postgres")
{
    // Eight processes share the server's connection slots with the other systems of the test run.
    private const int PoolPerInstance = 4;
    private readonly Uri _brokerUrl = new(RequiredEnvironment.Get(RequiredEnvironment.RabbitMqUrl, "amqp://guest:guest@127.0.0.1:5672/"));
    private TcpProxy? _database;
    private TcpProxy? _broker;

    /// <summary>The services' way to PostgreSQL.</summary>
    public TcpProxy DatabaseRelay => _database ??= TcpProxy.Start(ServiceDatabase.PostgresServer.Host, ServiceDatabase.PostgresServer.Port);

    /// <summary>The services' way to RabbitMQ.</summary>
    public TcpProxy BrokerRelay => _broker ??= TcpProxy.Start(_brokerUrl.Host, _brokerUrl.Port);

    public override bool GatewayIsObservable => false;

    /// <summary>Kills instance <paramref name="index"/> (0 or 1) of <paramref name="service"/> with SIGKILL.</summary>
    public Task KillAsync(FlowService service, int index) => Instances(service).KillAsync(index);

    /// <summary>Starts instance <paramref name="index"/> of <paramref name="service"/> again.</summary>
    public Task RestartAsync(FlowService service, int index) => Instances(service).RestartAsync(index, TestContext.Current.CancellationToken);

    /// <summary>The messages parked in this system's <c>_error</c> queues, by queue; empty when none is.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ParkedAsync()
    {
        using var queues = await RabbitMqBroker.Management.GetAsync($"queues/{Uri.EscapeDataString(VirtualHost.Name)}", TestContext.Current.CancellationToken);
        queues.EnsureSuccessStatusCode();
        var list = await queues.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return list.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) ? m.GetInt64() : 0))
            .Where(q => q.Messages > 0)
            .ToDictionary(q => q.Name, q => q.Messages);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    protected override ServiceDatabase CreateDatabase(FlowService service, string directory) =>
        ServiceDatabase.Postgres(service.ToString(), DatabaseRelay.Port, PoolPerInstance);

    protected override async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken)
    {
        // Every service's own user, through the relay.
        Uri Relayed(Uri url) => new UriBuilder(url) { Host = "127.0.0.1", Port = BrokerRelay.Port }.Uri;
        var through = new VirtualHost(VirtualHost.Name, Relayed(VirtualHost.AmqpUrl), Enum.GetValues<FlowService>().ToDictionary(s => s, s => Relayed(VirtualHost.AmqpUrlFor(s))), () => Task.CompletedTask);
        return await ScaledOutService.StartAsync(service, database, through, directory, Log, cancellationToken);
    }

    private ScaledOutService Instances(FlowService service) => (ScaledOutService)Host(service);
}
