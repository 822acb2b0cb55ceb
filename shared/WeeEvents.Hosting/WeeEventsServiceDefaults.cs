using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using WeeEvents.AspNetCore;
using WeeEvents.AspNetCore.Telemetry;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Tracing;

namespace WeeEvents.Hosting;

/// <summary>
/// The one call each service host makes (eShop's <c>AddServiceDefaults</c> for WeeEvents): the HTTP API's
/// problem details, OpenAPI and health; the database of <c>WeeEvents:Database</c> + <c>ConnectionStrings:Events</c>
/// with its readiness check; messaging on <c>WeeEvents:Transport</c> with the outbox relay and the inbox; and
/// OpenTelemetry for WeeEvents, ASP.NET Core and MassTransit, exported when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class WeeEventsServiceDefaults
{
    /// <summary>Wires a service host; <paramref name="messaging"/> names what it publishes and consumes.</summary>
    public static TBuilder AddWeeEventsServiceDefaults<TBuilder>(this TBuilder builder, Action<WeeEventsMessagingBuilder> messaging)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(messaging);
        builder.AddWeeEventsDefaults();
        builder.Services.AddWeeEventsStorage(builder.Configuration);
        builder.Services.AddHealthChecks().AddWeeEventsStorageCheck();
        builder.Services.AddWeeEventsMessaging(builder.Configuration, messaging);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource([.. MessagingActivitySources.All]));
        return builder;
    }
}
