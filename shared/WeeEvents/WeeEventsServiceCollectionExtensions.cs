using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeeEvents;

/// <summary>Registers WeeEvents services in a host's container.</summary>
public static class WeeEventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IService{TState}"/> for <paramref name="description"/> as a singleton running against the
    /// registered <see cref="IEventStore"/> (the in-memory store when none is registered), with
    /// <see cref="ServiceOptions"/> from the options pattern.
    /// </summary>
    public static IServiceCollection AddWeeEventsService<TState>(this IServiceCollection services, ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(description);
        services.AddOptions<ServiceOptions>();
        services.TryAddSingleton<IEventStore>(sp => new InMemoryEventStore(sp.GetService<TimeProvider>()));
        services.TryAddSingleton(description);
        // What the store needs to find the personal fields of each event it writes.
        foreach (var e in description.Loader.Events)
        {
            services.AddSingleton(new Protection.EventDataType(e.Type, e.DataType));
        }

        // And the fields of its state, which the stored replies of its commands hold.
        services.AddSingleton(new Protection.EntityStateType(description.Info.Aggregate, typeof(TState)));

        services.TryAddSingleton<IService<TState>>(sp => description.CreateService(
            sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<IOptions<ServiceOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        return services;
    }
}
