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

    /// <summary>The running <paramref name="service"/>.</summary>
    protected IRunningService Host(FlowService service) =>
        _hosts.TryGetValue(service, out var host) ? host : throw new InvalidOperationException($"{service} is not running.");

    public HttpClient Http(FlowService service) =>
        _hosts.TryGetValue(service, out var host) ? host.Http : throw new InvalidOperationException($"{service} is not running.");

    /// <summary>The database of <paramref name="service"/>, which outlives its hosts.</summary>
    public ServiceDatabase Database(FlowService service) => _databases[service];

    /// <summary>The services the system starts with (all four unless a system leaves one to be started later).</summary>
    protected virtual IEnumerable<FlowService> StartedAtFirst => Enum.GetValues<FlowService>();

    /// <summary>The services that run as the last release built them (their broker users keep that release's rights).</summary>
    protected virtual IEnumerable<FlowService> FromPreviousRelease => [];

    /// <summary>More configuration for <paramref name="service"/>'s host, as a deployment would set it.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) => [];

    /// <summary>What a deployment does before the services start (the virtual host exists by then).</summary>
    protected virtual Task BeforeServicesStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _directory = Directory.CreateTempSubdirectory("weeevents-e2e-");
        // The topology is deployed with the queue type the services are given (every service is given the same).
        var queueType = Settings(FlowService.Order).LastOrDefault(s => s.Key == "WeeEvents:Messaging:QueueType").Value;
        _virtualHost = await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken, queueType, [.. FromPreviousRelease]);
        foreach (var service in Enum.GetValues<FlowService>())
        {
            _databases[service] = CreateDatabase(service, _directory.FullName);
        }

        await BeforeServicesStartAsync(cancellationToken);
        var started = await Task.WhenAll(StartedAtFirst.Select(s => StartHostAsync(s, cancellationToken)));
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

    public virtual async ValueTask DisposeAsync()
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

    /// <summary>The database <paramref name="service"/> keeps its events in, for the whole life of the system.</summary>
    protected virtual ServiceDatabase CreateDatabase(FlowService service, string directory) =>
        provider == "Postgres" ? ServiceDatabase.Postgres(service.ToString()) : ServiceDatabase.Sqlite(service.ToString(), directory);

    /// <summary>Starts one service on its database and this system's virtual host (in this process by default).</summary>
    protected virtual async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken) =>
        await ServiceHost.StartAsync(service, database, VirtualHost, (IPaymentGateway)Gateway, Log, directory, cancellationToken, Settings(service));
}

/// <summary>The four services on PostgreSQL, one database each.</summary>
public class PostgresOrderSystem() : OrderSystem("Postgres");

/// <summary>The four services on PostgreSQL, with an order deadline of a few seconds, looked at twice a second.</summary>
public sealed class ShortDeadlineOrderSystem() : OrderSystem("Postgres")
{
    /// <summary>The Order service's <c>WeeEvents:Orders:Deadline</c>.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) => service == FlowService.Order
        ? [new("WeeEvents:Orders:Deadline", Deadline.ToString()), new("WeeEvents:Orders:CheckInterval", "00:00:00.5")]
        : [];
}

/// <summary>The four services on SQLite files, one file each.</summary>
public sealed class SqliteOrderSystem() : OrderSystem("Sqlite");

/// <summary>
/// The four services on PostgreSQL as four separate processes, started from their builds with the environment
/// variables a deployment sets: the flow exactly as deployed, minus the containers.
/// </summary>
public class ProcessOrderSystem() : OrderSystem("Postgres")
{
    /// <summary>The Payment process charges through its own simulated gateway: money is seen through its API.</summary>
    public override bool GatewayIsObservable => false;

    protected override async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken) =>
        await ServiceProcess.StartAsync(service, database, VirtualHost, directory, AppContext.BaseDirectory, cancellationToken, Settings(service), Log);
}
