namespace WeeEvents.AspNetCore.Http;

/// <summary>The headers the WeeEvents HTTP API reads and writes beyond the standard ones.</summary>
public static class HttpHeaderNames
{
    /// <summary>A client-chosen key that makes a command safe to retry (request) .</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a response replayed for an <see cref="IdempotencyKey"/> instead of running the command again.</summary>
    public const string IdempotencyReplayed = "Idempotency-Replayed";

    /// <summary>The business transaction a command belongs to; made up when absent and always echoed back.</summary>
    public const string CorrelationId = "X-Correlation-Id";
}
