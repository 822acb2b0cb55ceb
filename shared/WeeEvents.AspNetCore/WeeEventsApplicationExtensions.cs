using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using WeeEvents.AspNetCore.Health;

namespace WeeEvents.AspNetCore;

/// <summary>The middleware and endpoints every WeeEvents HTTP host shares.</summary>
public static class WeeEventsApplicationExtensions
{
    /// <summary>
    /// Adds the exception handler (every error becomes problem details; never a stack trace) and problem
    /// details for bare error statuses, then maps <c>/openapi/v1.json</c>, the Scalar UI at <c>/scalar</c>,
    /// <c>/health/live</c> (checks tagged <see cref="HealthTags.Live"/>) and <c>/health/ready</c>
    /// (checks tagged <see cref="HealthTags.Ready"/>). Call it before other middleware so that it sees their errors too.
    /// </summary>
    public static WebApplication MapWeeEventsDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
