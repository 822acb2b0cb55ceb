using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Messaging;
using WeeEvents.Operator;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Operator;

/// <summary>Registers the operator's reads of the service's database.</summary>
public static class OperatorRecordsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IOperatorRecords"/> over the service's events, outbox, inbox and checkpoints, and <see cref="IProjectionRebuilds"/> over its projections. Register after <c>AddWeeEventsStorage</c>.</summary>
    public static IServiceCollection AddWeeEventsOperatorRecords(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOperatorRecords>(sp => new EfOperatorRecords(
            sp.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>(),
            sp.GetServices<ProjectionDescription>(),
            sp.GetServices<EntityStateType>(),
            sp.GetService<MessageRoutes>(),
            sp.GetRequiredService<TimeProvider>()));
        // Without projections there is no rebuilder: every name is unknown.
        services.TryAddSingleton<IProjectionRebuilds>(sp => new EfProjectionRebuilds(sp.GetService<ProjectionRebuilder>(), sp.GetServices<ProjectionDescription>()));
        return services;
    }
}
