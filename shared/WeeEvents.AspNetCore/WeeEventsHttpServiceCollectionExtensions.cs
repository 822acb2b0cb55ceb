using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WeeEvents.AspNetCore.Health;
using WeeEvents.AspNetCore.Http;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WeeEvents.Messaging;

namespace WeeEvents.AspNetCore;

/// <summary>Registers what the HTTP API of WeeEvents services needs.</summary>
public static class WeeEventsHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers problem details and the one exception handler that writes them, the idempotency store
    /// (in memory unless one is registered: register a durable one before or instead), the OpenAPI
    /// document <c>v1</c> with the commands' validation rules, the <c>live</c> health check, and the rate limits per caller
    /// (<see cref="WeeEventsRateLimitOptions"/>, section <see cref="WeeEventsRateLimitOptions.Section"/>).
    /// Options bind from <see cref="WeeEventsHttpOptions.Section"/> when configuration is registered and are validated at start.
    /// </summary>
    public static IServiceCollection AddWeeEventsHttp(this IServiceCollection services, Action<WeeEventsHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddWeeEventsOptions<WeeEventsHttpOptions, WeeEventsHttpOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddWeeEventsOptions<WeeEventsRateLimitOptions, WeeEventsRateLimitOptionsValidator>();
        services.AddRateLimiter();
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<WeeEventsRateLimitOptions>>((limiter, limits) => CallerRateLimits.Configure(limiter, limits.Value));

        services.AddProblemDetails();
        services.AddExceptionHandler<WeeEventsExceptionHandler>();
        services.TryAddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.TryAddSingleton<IdempotencyGate>();
        services.TryAddSingleton<ServiceCatalog>();
        services.TryAddSingleton(TimeProvider.System);

        // The document describes the JSON the endpoints really read and write: WeeEvents' conventions.
        services.ConfigureHttpJsonOptions(o => ApplyWeeEventsConventions(o.SerializerOptions));
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<ServiceDocumentTransformer>();
            o.AddOperationTransformer<WeeEventsOperationTransformer>();
            o.AddSchemaTransformer<ValidatorSchemaTransformer>();
            o.CreateSchemaReferenceId = SchemaNames.Of;
        });

        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return services;
    }

    private static void ApplyWeeEventsConventions(JsonSerializerOptions options)
    {
        var conventions = WeeEventsJson.Options;
        options.PropertyNamingPolicy = conventions.PropertyNamingPolicy;
        options.DefaultIgnoreCondition = conventions.DefaultIgnoreCondition;
        options.RespectNullableAnnotations = conventions.RespectNullableAnnotations;
        options.RespectRequiredConstructorParameters = conventions.RespectRequiredConstructorParameters;
        // Numbers are documented (and written) as numbers; the commands' reader still takes numeric strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        }
    }
}
