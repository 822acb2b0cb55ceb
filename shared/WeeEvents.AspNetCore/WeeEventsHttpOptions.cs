namespace WeeEvents.AspNetCore;

/// <summary>How the HTTP API of WeeEvents services behaves (section <c>WeeEvents:Http</c>).</summary>
public sealed class WeeEventsHttpOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "WeeEvents:Http";

    /// <summary>The largest command body accepted, in bytes; a larger one is refused with 413. Default 64 KiB.</summary>
    public int MaxCommandBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How many events <c>GET /{type}/{key}/events</c> returns when the client names no limit.</summary>
    public int DefaultEventPageSize { get; set; } = 100;

    /// <summary>The largest page of events a client may ask for.</summary>
    public int MaxEventPageSize { get; set; } = 1_000;

    /// <summary>
    /// The longest <c>Idempotency-Key</c> accepted: at most 200, the length of the stored keys' column, so a key the
    /// header check lets through always fits the durable idempotency store.
    /// </summary>
    public int MaxIdempotencyKeyLength { get; set; } = 200;

    /// <summary>
    /// How long a request waits for a twin with the same <c>Idempotency-Key</c> (on any instance) to answer before it
    /// is refused with 409 <c>idempotency-key-in-progress</c>. Default 5 s.
    /// </summary>
    public TimeSpan IdempotencyWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed <c>Idempotency-Key</c> whose request never finished (its instance crashed, or its commit's
    /// outcome is unknown) is held before a retry may resume it; the retry first looks for events carrying the key,
    /// so a command that committed is answered, not run again. Longer than any command takes. Default 1 minute.
    /// </summary>
    public TimeSpan IdempotencyClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The start of every problem <c>type</c> WeeEvents writes; the rest is a kebab-case name such as
    /// <c>validation-failed</c> or a domain rule such as <c>insufficient-funds</c>.
    /// </summary>
    public string ProblemTypeBase { get; set; } = "urn:wee-events:problem:";

    /// <summary>
    /// Whether <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c> are served (to anyone: they describe the API,
    /// they do not call it). Unset: served in the Development environment only.
    /// </summary>
    public bool? ApiDocs { get; set; }

    /// <summary>The title of the OpenAPI document; the application name when empty.</summary>
    public string? ApiTitle { get; set; }
}
