namespace WeeEvents.AspNetCore.Problems;

/// <summary>
/// The names of the problem types WeeEvents writes, appended to <see cref="WeeEventsHttpOptions.ProblemTypeBase"/>.
/// A domain rule violation uses its own <see cref="DomainRuleViolation.Rule"/> instead.
/// </summary>
public static class ProblemTypes
{
    /// <summary>400: the command or a request parameter broke its rules or was malformed; <c>errors</c> lists them by field.</summary>
    public const string ValidationFailed = "validation-failed";

    /// <summary>404: the entity type has no command of that name.</summary>
    public const string CommandNotFound = "command-not-found";

    /// <summary>404: the entity has no events (or had not reached the revision asked for).</summary>
    public const string EntityNotFound = "entity-not-found";

    /// <summary>409: another writer moved the entity on; <c>currentRevision</c> says where it is.</summary>
    public const string RevisionConflict = "revision-conflict";

    /// <summary>412: the entity is not at the revision named by <c>If-Match</c>.</summary>
    public const string PreconditionFailed = "precondition-failed";

    /// <summary>413: the body is over the configured limit.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>415: the body is not JSON.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>422: the <c>Idempotency-Key</c> was used before with another request.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>409: a request with the same <c>Idempotency-Key</c> is still running (on this or another instance).</summary>
    public const string IdempotencyKeyInProgress = "idempotency-key-in-progress";

    /// <summary>401: no bearer token, or one that is expired, forged or meant for another audience.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>403: the caller is known but may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>429: the caller sent more requests than the service takes from one caller; <c>Retry-After</c> says when to retry.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>400 and other client errors found by ASP.NET Core itself.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>503: a list could not reflect the write named by <c>X-Consistent-With</c> in time; retry after a moment.</summary>
    public const string ReadModelBehind = "read-model-behind";

    /// <summary>
    /// 503: the service's database did not answer (it is away, or a connection it had was cut); nothing was decided, and
    /// the same request can be sent again after <c>Retry-After</c> seconds (with its <c>Idempotency-Key</c>, a command
    /// that did commit answers its first result).
    /// </summary>
    public const string StorageUnavailable = "storage-unavailable";

    /// <summary>500: something failed on the server; details are in its logs, never in the response.</summary>
    public const string Unexpected = "unexpected-error";
}
