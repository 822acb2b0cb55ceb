using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WeeEvents.AspNetCore.Health;

/// <summary>
/// Writes a health report as JSON: the overall status and each check's status and duration. Check
/// descriptions and exceptions stay in the logs: a probe endpoint is often reachable by more than operators.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), durationMs = e.Value.Duration.TotalMilliseconds, tags = e.Value.Tags }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, WeeEventsJson.Options, context.RequestAborted);
    }
}
