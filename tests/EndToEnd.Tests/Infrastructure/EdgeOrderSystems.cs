namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The four services as four processes on PostgreSQL with rate limits low enough for a test to pass them: a burst of
/// 30 requests per caller, then 5 a second.
/// </summary>
public sealed class LimitedProcessOrderSystem : ProcessOrderSystem
{
    public const int PermitLimit = 30;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) =>
    [
        new("WeeEvents:Http:RateLimit:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("WeeEvents:Http:RateLimit:PermitsPerSecond", "5"),
    ];
}

/// <summary>The four services as four processes, each on a SQLite file of its own.</summary>
public sealed class SqliteProcessOrderSystem() : OrderSystem("Sqlite")
{
    public override bool GatewayIsObservable => false;

    protected override async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken) =>
        await ServiceProcess.StartAsync(service, database, VirtualHost, directory, AppContext.BaseDirectory, cancellationToken, Settings(service), Log);
}
