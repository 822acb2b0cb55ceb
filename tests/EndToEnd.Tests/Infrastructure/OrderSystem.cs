using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The order flow as deployed: Order, Inventory, Payment and Shipping, each a host of its own with a database of its
/// own, talking through one RabbitMQ virtual host of their own. A service can be stopped and started again on the
/// same database and queues. Tests share one system per class and keep apart by unique order ids and SKUs.
/// </summary>
public abstract class OrderSystem(string provider) : IAsyncLifetime
{
    private readonly Dictionary<FlowService, ServiceDatabase> _databases = [];
    private readonly Dictionary<FlowService, IRunningService> _hosts = [];
    private DirectoryInfo? _directory;
    private VirtualHost? _virtualHost;

    /// <summary>
    /// The payment gateway behind the Payment service: what was really charged and refunded. Only services hosted in
    /// the test process use it (<see cref="GatewayIsObservable"/>).
    /// </summary>
    public HoldingPaymentGateway Gateway { get; } = new();

    /// <summary>True when the Payment service charges through <see cref="Gateway"/>, so tests can see the money move.</summary>
    public virtual bool GatewayIsObservable => true;

    /// <summary>
    /// True when Inventory keeps catalogue prices (<c>set-price</c>); false for an Inventory of 0.12.0 or earlier, which
    /// takes the prices orders quote.
    /// </summary>
    public virtual bool InventoryKeepsPrices => true;

    /// <summary>What the services logged at warning and above.</summary>
    public ServiceLog Log { get; } = new();

    public VirtualHost VirtualHost => _virtualHost ?? throw new InvalidOperationException("The system has not started.");

    public HttpClient Http(FlowService service) =>
        _hosts.TryGetValue(service, out var host) ? host.Http : throw new InvalidOperationException($"{service} is not running.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _directory = Directory.CreateTempSubdirectory("weeevents-e2e-");
        _virtualHost = await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken);
        foreach (var service in Enum.GetValues<FlowService>())
        {
            _databases[service] = provider == "Postgres"
                ? ServiceDatabase.Postgres(service.ToString())
                : ServiceDatabase.Sqlite(service.ToString(), _directory.FullName);
        }

        var started = await Task.WhenAll(Enum.GetValues<FlowService>().Select(s => StartHostAsync(s, cancellationToken)));
        foreach (var host in started)
        {
            _hosts[host.Service] = host;
        }
    }

    /// <summary>Stops <paramref name="service"/>: its HTTP API and consumers go away; its database and queues stay.</summary>
    public async Task StopAsync(FlowService service)
    {
        if (_hosts.Remove(service, out var host))
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Starts <paramref name="service"/> again on the same database and queues.</summary>
    public async Task StartAsync(FlowService service) =>
        _hosts[service] = await StartHostAsync(service, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    private Task<IRunningService> StartHostAsync(FlowService service, CancellationToken cancellationToken) =>
        StartServiceAsync(service, _databases[service], _directory!.FullName, cancellationToken);

    /// <summary>Starts one service on its database and this system's virtual host (in this process by default).</summary>
    protected virtual async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken) =>
        await ServiceHost.StartAsync(service, database, VirtualHost, (IPaymentGateway)Gateway, Log, directory, cancellationToken);
}

/// <summary>The four services on PostgreSQL, one database each.</summary>
public sealed class PostgresOrderSystem() : OrderSystem("Postgres");

/// <summary>The four services on SQLite files, one file each.</summary>
public sealed class SqliteOrderSystem() : OrderSystem("Sqlite");

/// <summary>
/// The four services on PostgreSQL as four separate processes, started from their builds with the environment
/// variables a deployment sets: the flow exactly as deployed, minus the containers.
/// </summary>
public sealed class ProcessOrderSystem() : OrderSystem("Postgres")
{
    /// <summary>The Payment process charges through its own simulated gateway: money is seen through its API.</summary>
    public override bool GatewayIsObservable => false;

    protected override async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken) =>
        await ServiceProcess.StartAsync(service, database, VirtualHost, directory, cancellationToken);
}
