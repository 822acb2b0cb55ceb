using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Protection;

/// <summary>Registers personal-data protection over the service's own database.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPersonalDataProtector"/> with keys in the <c>data_keys</c> table (<see cref="EfDataKeyStore"/>)
    /// wrapped by the KEK of <c>WeeEvents:Protection</c> (<see cref="ConfiguredKeyWrapper"/>), validated at start.
    /// <paramref name="developmentKeyAllowed"/> says the host runs in the Development environment (the hosts pass
    /// <c>IsDevelopment()</c>): there alone the published development KEK stands in when none is configured, and
    /// anywhere else it is refused at start, whether set as the KEK or asked for by <c>UseDevelopmentKey</c>. Register an
    /// <see cref="IKeyWrapper"/> or an <see cref="IDataKeyStore"/> first to use a KMS instead.
    /// </summary>
    public static IServiceCollection AddWeeEventsProtection(this IServiceCollection services, IConfiguration configuration, bool developmentKeyAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // A default the configuration may override: registered before the binding, so it runs first.
        services.Configure<ProtectionOptions>(o => o.UseDevelopmentKey = developmentKeyAllowed);
        services.AddWeeEventsOptions<ProtectionOptions, ProtectionOptionsValidator>(configuration)
            // After the binding, so that no setting can claim the Development environment.
            .PostConfigure(o => o.DevelopmentKeyAllowed = developmentKeyAllowed);
        services.TryAddSingleton<IDataKeyStore, EfDataKeyStore>();
        services.TryAddSingleton<IKeyWrapper, ConfiguredKeyWrapper>();
        services.TryAddSingleton<IPersonalDataProtector>(sp =>
        {
            var protector = new PersonalDataProtector(
                sp.GetRequiredService<IDataKeyStore>(),
                sp.GetRequiredService<IKeyWrapper>(),
                sp.GetRequiredService<IOptions<ProtectionOptions>>(),
                sp.GetServices<EventDataType>(),
                sp.GetService<TimeProvider>(),
                sp.GetServices<EntityStateType>(),
                sp.GetService<Microsoft.Extensions.Logging.ILogger<PersonalDataProtector>>());
            // The stream session holds events and entities in the clear: a forgotten subject's must not be served from
            // it. Other instances forget theirs when their ForgottenSubjectsWatch finds the destroyed keys.
            if (sp.GetService<Internal.StreamSession>() is { } session)
            {
                protector.Forgotten += _ => session.SubjectForgotten();
            }

            return protector;
        });
        services.AddHostedService<ForgottenSubjectsWatch>();
        // Stored replies hold entities as clients saw them, personal fields included: encrypted like the events.
        services.Replace(ServiceDescriptor.Singleton<WeeEvents.Messaging.IIdempotencyStore>(sp =>
            new ProtectedIdempotencyStore(sp.GetRequiredService<EfIdempotencyStore>(), sp.GetRequiredService<IPersonalDataProtector>())));
        return services;
    }
}
