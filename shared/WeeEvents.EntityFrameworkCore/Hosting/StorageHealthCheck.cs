using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WeeEvents.EntityFrameworkCore.Internal;

namespace WeeEvents.EntityFrameworkCore.Hosting;

/// <summary>
/// Ready when the service's database answers. When it does not, the pool's connections are dropped: those the outage
/// cut would otherwise fail the first commands after it, and the consumers waiting at the outage gate would take those
/// failures for failures of their own messages.
/// </summary>
internal sealed class StorageHealthCheck(IDbContextFactory<WeeEventsDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            if (await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Healthy();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ConnectionPools.Clear(db.Database.GetDbConnection());
            return new HealthCheckResult(context.Registration.FailureStatus, "The events database does not answer.", e);
        }

        ConnectionPools.Clear(db.Database.GetDbConnection());
        return new HealthCheckResult(context.Registration.FailureStatus, "The events database does not answer.");
    }
}
