namespace WeeEvents.AspNetCore.Problems;

/// <summary>
/// A client mistake found by the HTTP layer itself (a bad header, a body too large, a reused idempotency key),
/// thrown so that every problem is written in one place: <see cref="WeeEventsExceptionHandler"/>.
/// </summary>
internal sealed class HttpRequestProblem(int status, string problemType, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>The kebab-case name appended to <see cref="WeeEventsHttpOptions.ProblemTypeBase"/>.</summary>
    public string ProblemType { get; } = problemType;

    public string Title { get; } = title;

    public IReadOnlyList<FieldError>? Errors { get; } = errors;

    public static HttpRequestProblem InvalidField(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.ValidationFailed, "The request is invalid.", $"{field}: {message}", [new FieldError(field, message)]);

    public static HttpRequestProblem BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.", $"A command body may hold at most {limit} bytes.");

    public static HttpRequestProblem UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "The request body must be JSON.", $"Content type '{contentType}' is not JSON; send application/json.");

    public static HttpRequestProblem IdempotencyKeyReused(string key) =>
        new(StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused, "The idempotency key was used for another request.",
            $"Idempotency key '{key}' was already used with a different request; use a new key for a new request.");

    public static HttpRequestProblem ReadModelBehind(string write, TimeSpan waited) =>
        new(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ReadModelBehind, "The list does not show that write yet.",
            $"The read model had not applied {write} after {waited.TotalSeconds:0.##} s; retry in a moment, or ask without X-Consistent-With for what it has.");

    public static HttpRequestProblem IdempotencyKeyInProgress(string key) =>
        new(StatusCodes.Status409Conflict, ProblemTypes.IdempotencyKeyInProgress, "A request with this idempotency key is still running.",
            $"A request with idempotency key '{key}' is still running; retry later with the same key to get its response.");
}
