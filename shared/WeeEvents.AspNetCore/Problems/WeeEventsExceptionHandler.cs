using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using WeeEvents.Storage;
using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.Problems;

/// <summary>
/// Maps every error of a WeeEvents endpoint to problem details, in one place. Client mistakes get their
/// 4xx status with what the client needs to correct them; the database away is a 503 the client may retry;
/// anything else is a 500 that says nothing about the server: no message, no stack trace (those go to the log).
/// </summary>
internal sealed partial class WeeEventsExceptionHandler(
    IProblemDetailsService problemDetails,
    IOptions<WeeEventsHttpOptions> options,
    ILogger<WeeEventsExceptionHandler> logger) : IExceptionHandler
{
    // Seconds: long enough for a restarted database to accept connections again, short enough not to idle a client.
    private const string RetryAfterStorageOutage = "2";
    private readonly string _typeBase = options.Value.ProblemTypeBase;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to read a problem.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = Describe(httpContext, exception);
        problem.Instance ??= httpContext.Request.Path;
        // What the caller sent (the path, and messages that may quote it) is escaped before it reaches a log line.
        var path = LogText.Escape(httpContext.Request.Path.Value) ?? "";
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogStorageUnavailable(httpContext.Request.Method, path, LogText.Escape(exception.GetBaseException().Message)!);
        }
        else if (problem.Status >= 500)
        {
            LogUnexpected(exception, httpContext.Request.Method, path);
        }
        else
        {
            var error = exception.GetType().Name;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var message = LogText.Escape(exception.Message)!;
                LogClientError(problem.Status ?? 0, error, httpContext.Request.Method, path, message);
            }
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterStorageOutage;
        }

        var context = new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem };
        if (!await problemDetails.TryWriteAsync(context))
        {
            // The client's Accept header ruled out JSON; it still gets the problem rather than an empty body.
            await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", cancellationToken);
        }

        return true;
    }

    /// <summary>A resource rule refused the caller: a 403 like a missing role, counted and logged the same way.</summary>
    private ProblemDetails Denied(HttpContext http, AccessDenied e)
    {
        Security.HttpCaller.Denied(http, e.Aggregate.Type, e.Operation);
        return Problem(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The caller may not do this.", e.Message,
            ("command", e.Operation), ("aggregate", e.Aggregate.Encoded));
    }

    private ProblemDetails Describe(HttpContext http, Exception exception) => exception switch
    {
        CommandValidationFailed e => Invalid(e.Errors, e.Message, ("command", e.Command), ("aggregate", e.Aggregate.Encoded)),
        AccessDenied e => Denied(http, e),
        HandlerNotFound e => Problem(StatusCodes.Status404NotFound, ProblemTypes.CommandNotFound, "The command does not exist.", e.Message,
            ("command", e.Command), ("aggregate", e.Aggregate.Encoded)),
        EntityNotAvailable e => Problem(StatusCodes.Status404NotFound, ProblemTypes.EntityNotFound, "The entity does not exist.", e.Message,
            ("aggregate", e.Aggregate.Encoded), ("revision", e.RequestedRevision?.Value)),
        RevisionConflict e => Conflict(http, e),
        DomainRuleViolation e => Problem(StatusCodes.Status409Conflict, e.Rule, Humanize(e.Rule), e.Message,
            ("rule", e.Rule), ("state", e.State), ("operation", e.Operation), ("aggregate", e.Aggregate.Encoded)),
        HttpRequestProblem e when e.Errors is { } errors => Invalid(errors, e.Message),
        HttpRequestProblem e => Problem(e.Status, e.ProblemType, e.Title, e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.", "The request body is over the server's limit."),
        // ASP.NET Core's own messages about a bad request name parameters, not server internals.
        BadHttpRequestException e => Problem(e.StatusCode, ProblemTypes.BadRequest, "The request is invalid.", e.Message),
        _ when StorageOutage.IsCause(exception) => Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StorageUnavailable,
            "The service's database does not answer.", "Nothing was decided; send the request again after a moment."),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, "An unexpected error occurred.", null),
    };

    /// <summary>The current revision goes in the body: the exception handler strips ETags from error responses.</summary>
    private ProblemDetails Conflict(HttpContext http, RevisionConflict e)
    {
        // If-Match makes the revision a precondition of the request: HTTP calls that failure 412.
        return http.Request.Headers.ContainsKey(HeaderNames.IfMatch)
            ? Problem(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "The entity is not at the expected revision.", e.Message,
                ("aggregate", e.Aggregate.Encoded), ("expectedRevision", e.Expected.Value), ("currentRevision", e.Actual?.Value))
            : Problem(StatusCodes.Status409Conflict, ProblemTypes.RevisionConflict, "The entity was changed by another request.", e.Message,
                ("aggregate", e.Aggregate.Encoded), ("expectedRevision", e.Expected.Value), ("currentRevision", e.Actual?.Value));
    }

    private HttpValidationProblemDetails Invalid(IReadOnlyList<FieldError> errors, string detail, params (string Name, object? Value)[] extensions)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = _typeBase + ProblemTypes.ValidationFailed,
            Title = "The request is invalid.",
            Detail = detail,
        };
        AddExtensions(problem, extensions);
        return problem;
    }

    private ProblemDetails Problem(int status, string type, string title, string? detail, params (string Name, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Type = _typeBase + type, Title = title, Detail = detail };
        AddExtensions(problem, extensions);
        return problem;
    }

    private static void AddExtensions(ProblemDetails problem, (string Name, object? Value)[] extensions)
    {
        foreach (var (name, value) in extensions)
        {
            if (value is not null)
            {
                problem.Extensions[name] = value;
            }
        }
    }

    /// <summary><c>insufficient-funds</c> → <c>Insufficient funds</c>: a title that stays the same for every occurrence of the rule.</summary>
    private static string Humanize(string rule)
    {
        var words = rule.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Domain rule violated" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database did not answer {Method} {Path}: {Reason}; answered 503")]
    private partial void LogStorageUnavailable(string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error handling {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client error {Status} ({Error}) for {Method} {Path}: {Message}")]
    private partial void LogClientError(int status, string error, string method, string path, string message);
}
