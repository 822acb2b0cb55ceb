using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.RateLimiting;

/// <summary>
/// The rate limits of <see cref="WeeEventsRateLimitOptions"/> as ASP.NET Core's global limiter: a token bucket per
/// caller for every request, chained with a fixed window per caller for the strict commands, and a 429 problem with
/// <c>Retry-After</c> for a refused request.
/// </summary>
internal static partial class CallerRateLimits
{
    public static void Configure(RateLimiterOptions limiter, WeeEventsRateLimitOptions options)
    {
        var strict = options.StrictCommands.ToHashSet(StringComparer.Ordinal);
        var everyRequest = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            RateLimitPartition.GetTokenBucketLimiter(CallerOf(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.PermitLimit,
                TokensPerPeriod = options.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                // The partitioned limiter replenishes its partitions on one timer, rather than a timer per caller.
                AutoReplenishment = false,
            }));
        var strictCommands = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            StrictRoute(http, strict) is { } route
                ? RateLimitPartition.GetFixedWindowLimiter(route + "\n" + CallerOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.StrictPermitLimit,
                    Window = options.StrictWindow,
                    QueueLimit = 0,
                    AutoReplenishment = false,
                })
                : RateLimitPartition.GetNoLimiter(""));
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(everyRequest, strictCommands);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
    }

    /// <summary>
    /// Who is counted: the token's subject when the request is authenticated (authentication runs first), else the remote
    /// address. Behind a proxy, forward the client's address (<c>UseForwardedHeaders</c>) or anonymous callers share one.
    /// </summary>
    internal static string CallerOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } subject }
            ? "sub:" + subject
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string? StrictRoute(HttpContext http, HashSet<string> strict) =>
        http.GetEndpoint()?.Metadata.GetMetadata<WeeEventsEndpointMetadata>() is { Command: { } command } endpoint
        && strict.Contains($"{endpoint.EntityType}/{command}")
            ? $"{endpoint.EntityType}/{command}"
            : null;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WeeEvents.AspNetCore.RateLimiting");
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var path = LogText.Escape(http.Request.Path.Value);
            LogRejected(logger, http.Request.Method, path, seconds);
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var options = http.RequestServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = options.ProblemTypeBase + ProblemTypes.RateLimited,
            Title = "Too many requests.",
            Detail = $"This caller sent more requests than the service takes from one caller; retry after {seconds} s.",
            Instance = http.Request.Path,
        };
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate limited {Method} {Path}: retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string method, string? path, int seconds);
}
