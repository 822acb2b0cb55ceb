namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>Two processes of one service on one database and one set of queues; HTTP goes to the first.</summary>
public sealed class ScaledOutService : IRunningService
{
    private readonly ServiceDatabase _database;
    private readonly VirtualHost _virtualHost;
    private readonly string _directory;
    private readonly ServiceLog _log;
    private readonly ServiceProcess?[] _instances;

    private ScaledOutService(FlowService service, ServiceDatabase database, VirtualHost virtualHost, string directory, ServiceLog log, ServiceProcess[] instances)
    {
        Service = service;
        (_database, _virtualHost, _directory, _log) = (database, virtualHost, directory, log);
        _instances = instances;
    }

    public FlowService Service { get; }

    public HttpClient Http => (_instances[0] ?? throw new InvalidOperationException($"The first {Service} instance is not running.")).Http;

    public static async Task<ScaledOutService> StartAsync(FlowService service, ServiceDatabase database, VirtualHost virtualHost, string directory, ServiceLog log, CancellationToken cancellationToken)
    {
        // One after the other: the first creates the schema, under the database lock either way.
        var first = await StartInstanceAsync(service, database, virtualHost, directory, log, cancellationToken);
        var second = await StartInstanceAsync(service, database, virtualHost, directory, log, cancellationToken);
        return new ScaledOutService(service, database, virtualHost, directory, log, [first, second]);
    }

    /// <summary>Kills instance <paramref name="index"/> with SIGKILL: no shutdown, whatever it held is redelivered.</summary>
    public async Task KillAsync(int index)
    {
        if (_instances[index] is { } instance)
        {
            _instances[index] = null;
            await instance.DisposeAsync();
        }
    }

    /// <summary>Starts instance <paramref name="index"/> again.</summary>
    public async Task RestartAsync(int index, CancellationToken cancellationToken)
    {
        await KillAsync(index);
        _instances[index] = await StartInstanceAsync(Service, _database, _virtualHost, _directory, _log, cancellationToken);
    }

    private static Task<ServiceProcess> StartInstanceAsync(FlowService service, ServiceDatabase database, VirtualHost virtualHost, string directory, ServiceLog log, CancellationToken cancellationToken) =>
        ServiceProcess.StartAsync(service, database, virtualHost, directory, AppContext.BaseDirectory, cancellationToken, serviceLog: log);

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _instances.Length; i++)
        {
            await KillAsync(i);
        }
    }
}
