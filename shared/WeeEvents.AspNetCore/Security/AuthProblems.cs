using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// 401 and 403 as problem details, like every other refusal of the API. The reason a token was refused goes to the
/// log, not to the client: it would tell an attacker which part of a forged token to fix.
/// </summary>
internal static partial class AuthProblems
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var header = context.AuthenticateFailure is null ? JwtBearerDefaults.AuthenticationScheme : $"{JwtBearerDefaults.AuthenticationScheme} error=\"invalid_token\"";
        http.Response.Headers[HeaderNames.WWWAuthenticate] = header;
        var logger = Logger(http);
        if (context.AuthenticateFailure is { } failure && logger.IsEnabled(LogLevel.Information))
        {
            var reason = failure.GetType().Name;
            var path = LogText.Escape(http.Request.Path.Value);
            LogRefusedToken(logger, http.Request.Method, path, reason);
        }

        AuditRefused(http);
        await WriteAsync(http, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Authentication is required.",
            "Send a valid bearer token in the Authorization header.");
    }

    public static Task ForbiddenAsync(ForbiddenContext context)
    {
        var http = context.HttpContext;
        // Counted by what was attempted (the command, or the read), never by who: subjects are unbounded.
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<WeeEventsEndpointMetadata>();
        CountAndLogDenied(http, endpoint?.EntityType, endpoint?.Command ?? (endpoint is null ? null : "read"));
        AuditRefused(http);
        return WriteAsync(http, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The caller may not do this.",
            "The bearer token is valid but does not grant this operation.");
    }

    /// <summary>One denied attempt: counted in <c>wee_events.command.denied</c> by what was attempted, and logged with who.</summary>
    public static void CountAndLogDenied(HttpContext http, string? entityType, string? attempted)
    {
        WeeEvents.Telemetry.WeeEventsTelemetry.CommandDenied.Add(
            1,
            new KeyValuePair<string, object?>(WeeEvents.Telemetry.WeeEventsTelemetry.Attributes.AggregateType, entityType),
            new KeyValuePair<string, object?>(WeeEvents.Telemetry.WeeEventsTelemetry.Attributes.Command, attempted));
        var logger = Logger(http);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            // The subject and the path are the caller's text: escaped, so they cannot forge a log line.
            var subject = LogText.Escape(http.User.Identity?.Name);
            var path = LogText.Escape(http.Request.Path.Value);
            LogForbidden(logger, subject, http.Request.Method, path);
        }
    }

    /// <summary>
    /// An attempt at a sensitive operation refused before the service ran it (no token, or not the role) is audited as
    /// denied, like one the service refuses itself.
    /// </summary>
    private static void AuditRefused(HttpContext http)
    {
        // The key is checked by nobody yet (authentication comes first): whatever it is, the attempt is audited.
        if (http.GetEndpoint()?.Metadata.GetMetadata<WeeEventsEndpointMetadata>() is { Audited: true, Command: { } command } endpoint
            && http.GetRouteValue("key") is string key)
        {
            AttemptAudit.Record(http, endpoint.EntityType, command, key, WeeEvents.Telemetry.AuditLog.Denied);
        }
    }

    private static async Task WriteAsync(HttpContext http, int status, string type, string title, string detail)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var problem = new ProblemDetails
        {
            Status = status,
            Type = options.ProblemTypeBase + type,
            Title = title,
            Detail = detail,
            Instance = http.Request.Path,
        };
        http.Response.StatusCode = status;
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", http.RequestAborted);
        }
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WeeEvents.AspNetCore.Security");

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a bearer token on {Method} {Path}: {Failure}")]
    private static partial void LogRefusedToken(ILogger logger, string method, string? path, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied {Subject} on {Method} {Path}")]
    private static partial void LogForbidden(ILogger logger, string? subject, string method, string? path);
}
