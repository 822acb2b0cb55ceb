namespace WeeEvents.MassTransit.Tracing;

/// <summary>The headers the relay puts on every published message, beside MassTransit's own.</summary>
public static class WeeEventsHeaders
{
    /// <summary>W3C trace context of the command whose event was published.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace state that goes with <see cref="TraceParent"/>.</summary>
    public const string TraceState = "tracestate";

    /// <summary>The correlation id as recorded (a string; MassTransit's own CorrelationId is set too when it is a GUID).</summary>
    public const string CorrelationId = "WeeEvents-CorrelationId";

    /// <summary>The id of the command or message that caused the source event.</summary>
    public const string CausationId = "WeeEvents-CausationId";

    /// <summary>The aggregate whose event the message was published from (<c>type.key</c>).</summary>
    public const string Source = "WeeEvents-Source";

    /// <summary>The revision of the source event.</summary>
    public const string SourceRevision = "WeeEvents-SourceRevision";

    /// <summary>
    /// The data keys the message's encrypted personal fields name, wrapped by the shared KEK (JSON); absent when the
    /// message holds none or the publisher's keys are destroyed.
    /// </summary>
    public const string DataKeys = "WeeEvents-DataKeys";
}
