using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WeeEvents.AspNetCore;
using WeeEvents.AspNetCore.Operator;
using WeeEvents.AspNetCore.Security;
using WeeEvents.AspNetCore.Telemetry;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Operator;
using WeeEvents.EntityFrameworkCore.Protection;
using WeeEvents.MassTransit;
using WeeEvents.MassTransit.Tracing;

namespace WeeEvents.Hosting;

/// <summary>
/// The one call each service host makes (eShop's <c>AddServiceDefaults</c> for WeeEvents): the HTTP API's
/// problem details, OpenAPI and health; JWT bearer authentication of <c>WeeEvents:Auth</c> (every route but health and
/// the documents asks for a token); the database of <c>WeeEvents:Database</c> + <c>ConnectionStrings:Events</c>
/// with its readiness check; messaging on <c>WeeEvents:Transport</c> with the outbox relay and the inbox; and
/// OpenTelemetry for WeeEvents, ASP.NET Core, MassTransit (spans and meter) and PostgreSQL (Npgsql's spans and
/// metrics), exported when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so one order's trace shows every service it
/// crossed, its broker hops and its database calls.
/// </summary>
public static class WeeEventsServiceDefaults
{
    /// <summary>
    /// Wires a host of <paramref name="modules"/>: their services, what they publish and the routes they consume by;
    /// <paramref name="messaging"/> adds to the messaging (a plain observer, the default transport).
    /// </summary>
    public static TBuilder AddWeeEventsServiceDefaults<TBuilder>(this TBuilder builder, IReadOnlyList<ServiceModule> modules, Action<WeeEventsMessagingBuilder>? messaging = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modules);
        builder.AddWeeEventsDefaults();
        builder.Services.AddWeeEventsAuth();
        builder.Services.AddWeeEventsStorage(builder.Configuration);
        // What the operations console reads through /operator: conversations, read-model lag, message handling.
        builder.Services.AddWeeEventsOperatorRecords();
        builder.Services.AddWeeEventsHandlingStatistics();
        // Personal fields encrypted under per-customer keys; the published development KEK only in Development.
        builder.Services.AddWeeEventsProtection(builder.Configuration, builder.Environment.IsDevelopment());
        builder.Services.AddHealthChecks().AddWeeEventsStorageCheck();
        builder.Services.AddWeeEventsMessaging(builder.Configuration, m =>
        {
            // The bus's own queue carries the service's name, which its broker user's permissions name.
            m.ServiceName = string.Join('-', modules.Select(module => module.Name));
            foreach (var module in modules)
            {
                m.Publish(module.Outbound).Consume(module.Inbound);
            }

            messaging?.Invoke(m);
        });
        // These only add to a tracer and meter provider, which exist only when an exporter is configured
        // (AddWeeEventsDefaults): without one, nothing listens, and MassTransit and Npgsql build no span at all.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource([.. MessagingActivitySources.All]).AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter([.. MessagingActivitySources.Meters]).AddNpgsqlInstrumentation());
        foreach (var module in modules)
        {
            module.Register(builder.Services);
        }

        return builder;
    }

    /// <summary>Maps the health and OpenAPI endpoints, the operator's routes (<c>/operator</c>) and every module's routes.</summary>
    public static WebApplication MapWeeEventsServices(this WebApplication app, IReadOnlyList<ServiceModule> modules)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(modules);
        app.MapWeeEventsDefaults();
        app.MapWeeEventsOperator();
        foreach (var module in modules)
        {
            module.Map(app);
        }

        return app;
    }
}
