using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using WeeEvents.AspNetCore.Health;
using WeeEvents.AspNetCore.Http;
using WeeEvents.AspNetCore.RateLimiting;

namespace WeeEvents.AspNetCore;

/// <summary>The middleware and endpoints every WeeEvents HTTP host shares.</summary>
public static class WeeEventsApplicationExtensions
{
    /// <summary>
    /// Adds the exception handler (every error becomes problem details; never a stack trace) and problem
    /// details for bare error statuses, then authentication when it is registered
    /// (<see cref="Security.WeeEventsAuthServiceCollectionExtensions.AddWeeEventsAuth"/>), the rate limits per caller
    /// (<see cref="WeeEventsRateLimitOptions"/>), authorization, and the check of every query value against
    /// <see cref="TextRule"/>; then maps <c>/openapi/v1.json</c> and the
    /// Scalar UI at <c>/scalar</c> where <see cref="WeeEventsHttpOptions.ApiDocs"/> allows, <c>/health/live</c> (checks
    /// tagged <see cref="HealthTags.Live"/>) and <c>/health/ready</c> (checks tagged <see cref="HealthTags.Ready"/>);
    /// health and the documents are anonymous, and health is never rate limited (probes share an address). Call it before other middleware so that it sees their errors too.
    /// </summary>
    public static WebApplication MapWeeEventsDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Here, not where WebApplication would add them (first of all): refusals then pass through the handlers above.
        // Authentication first: the rate limiter counts by the token's subject, and every later check (a route's key,
        // its query values) answers an anonymous caller 401 before it says anything about the request.
        var secured = app.Services.GetService<IAuthenticationSchemeProvider>() is not null;
        if (secured)
        {
            app.UseAuthentication();
        }

        if (app.Services.GetRequiredService<IOptions<WeeEventsRateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        if (secured)
        {
            app.UseAuthorization();
        }

        app.Use(QueryText.CheckAsync);

        var options = app.Services.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        if (options.ApiDocs ?? app.Environment.IsDevelopment())
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
