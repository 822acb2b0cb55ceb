using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Protection;

namespace WeeEvents.Privacy;

/// <summary>Registers what a service needs to forget its customers.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="PersonalDataEraser"/> over the service's protector and stored replies (either may be
    /// absent: a service with no protection has no keys to destroy).
    /// </summary>
    public static IServiceCollection AddPersonalDataEraser(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new PersonalDataEraser(sp.GetService<IPersonalDataProtector>(), sp.GetService<EfIdempotencyStore>()));
        return services;
    }
}
