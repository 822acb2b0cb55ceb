using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using WeeEvents.Operator;

namespace WeeEvents.AspNetCore.Operator;

/// <summary>Registers what the operator routes read from memory.</summary>
public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HandlingStatistics"/> (what <c>GET /operator/metrics</c> reports of message handling), started
    /// with the host so its figures cover every delivery since.
    /// </summary>
    public static IServiceCollection AddWeeEventsHandlingStatistics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HandlingStatistics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HandlingStatisticsStart>());
        return services;
    }

    // Resolving the statistics starts their listener; nothing else happens at start or stop.
    private sealed class HandlingStatisticsStart(HandlingStatistics statistics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = statistics;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
