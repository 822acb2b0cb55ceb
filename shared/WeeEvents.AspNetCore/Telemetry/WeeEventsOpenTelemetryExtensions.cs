using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.Telemetry;

/// <summary>Wires OpenTelemetry for a WeeEvents HTTP host.</summary>
public static class WeeEventsOpenTelemetryExtensions
{
    /// <summary>
    /// Traces and metrics from ASP.NET Core and from WeeEvents (source and meter <c>WeeEvents</c>), so each
    /// command span is a child of the HTTP request's span; health probes are not traced. Exports over OTLP,
    /// configured by the standard <c>OTEL_*</c> variables, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Where <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is read (environment variables included).</param>
    /// <param name="serviceName">
    /// The default <c>service.name</c> of the resource: <c>OTEL_SERVICE_NAME</c>, or <c>service.name</c> in
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c>, wins when set.
    /// </param>
    /// <returns>The OpenTelemetry builder, for more sources, meters or exporters.</returns>
    public static IOpenTelemetryBuilder AddWeeEventsTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            // The built-in name is only the default: OTEL_SERVICE_NAME, then service.name in OTEL_RESOURCE_ATTRIBUTES, win
            // (as the SDK specification orders them). AddService alone would override both, so the standard variables are
            // read again after it.
            .ConfigureResource(r => r.AddService(serviceName).AddEnvironmentVariableDetector())
            .WithTracing(t => t
                .AddSource(WeeEventsTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)))
            .WithMetrics(m => m
                .AddMeter(WeeEventsTelemetry.Name)
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The one call a WeeEvents HTTP host makes, like eShop's <c>AddServiceDefaults</c>: the HTTP API's services
    /// (<see cref="WeeEventsHttpServiceCollectionExtensions.AddWeeEventsHttp"/>) and telemetry
    /// (<see cref="AddWeeEventsTelemetry"/>) named after the application, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// Pair it with <c>app.MapWeeEventsDefaults()</c>.
    /// </summary>
    public static TBuilder AddWeeEventsDefaults<TBuilder>(this TBuilder builder, Action<WeeEventsHttpOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddWeeEventsHttp(configure);
        // Without an exporter nobody would see a span or a metric, yet a tracer provider would still build every
        // one (ASP.NET Core's, MassTransit's, ours) on every request and message: measurable CPU under load.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddWeeEventsTelemetry(builder.Configuration, builder.Environment.ApplicationName);
        }

        return builder;
    }
}
