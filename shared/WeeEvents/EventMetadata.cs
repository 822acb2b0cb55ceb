namespace WeeEvents;

/// <summary>
/// What is known about why an event was recorded. Stored with every event exactly as given,
/// by every store.
/// </summary>
public sealed record EventMetadata
{
    /// <summary>Metadata with nothing set.</summary>
    public static readonly EventMetadata Empty = new();

    /// <summary>Ties together everything done for one business transaction (for the order flow: the order id).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the command or message that caused the event.</summary>
    public string? CausationId { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the operation that recorded the event.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> of the operation that recorded the event.</summary>
    public string? TraceState { get; init; }

    /// <summary>Who asked for the change, when known.</summary>
    public string? Actor { get; init; }

    /// <summary>The client's idempotency key for the command, when it gave one.</summary>
    public string? IdempotencyKey { get; init; }
}
