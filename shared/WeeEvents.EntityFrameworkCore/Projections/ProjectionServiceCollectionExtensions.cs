using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>Registers projections over the service's events.</summary>
public static class ProjectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="projection"/>: its rows join the service's database model (created with the schema at
    /// start-up, also in a database created before the projection existed), and a hosted subscription applies the
    /// service's events to them, catching up from position zero the first time. Settings: <c>WeeEvents:Projections</c>
    /// (<see cref="ProjectionOptions"/>). Register after <c>AddWeeEventsStorage</c>.
    /// </summary>
    public static IServiceCollection AddWeeEventsProjection(this IServiceCollection services, ProjectionDescription projection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(projection);
        services.AddWeeEventsOptions<ProjectionOptions, ProjectionOptionsValidator>();
        services.AddSingleton(projection);
        services.TryAddSingleton<ProjectionRebuilder>();
        services.TryAddSingleton<ProjectionConsistency>();
        // AddHostedService would keep one worker: it registers each implementation type once.
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ProjectionWorker>(sp, projection));
        return services;
    }
}
