using WeeEvents.Contracts.Compatibility;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The flow in the middle of a deployment: one service as the last release built it, the other three from this tree,
/// four processes on PostgreSQL over RabbitMQ. Inventory is the one left behind: it consumes what Order and Payment
/// publish and publishes what both consume, so every contract it touches is crossed in both directions.
/// </summary>
public sealed class MixedReleaseOrderSystem() : OrderSystem("Postgres")
{
    /// <summary>The service that runs as the last release built it.</summary>
    public const FlowService FromRelease = FlowService.Inventory;

    /// <summary>The Payment process charges through its own simulated gateway: money is seen through its API.</summary>
    public override bool GatewayIsObservable => false;

    /// <summary>The release's Inventory knows no prices: it has no <c>set-price</c>, and its <c>StockReserved</c> carries no total.</summary>
    public override bool InventoryKeepsPrices => false;

    protected override IEnumerable<FlowService> FromPreviousRelease => [FromRelease];

    protected override async Task<IRunningService> StartServiceAsync(FlowService service, ServiceDatabase database, string directory, CancellationToken cancellationToken)
    {
        var build = service == FromRelease ? await ReleaseBuild.ServiceAsync(ContractRelease.Last(), service) : AppContext.BaseDirectory;
        return await ServiceProcess.StartAsync(service, database, VirtualHost, directory, build, cancellationToken, serviceLog: Log);
    }
}
