using System.Diagnostics;

namespace WeeEvents.MassTransit.Tracing;

/// <summary>
/// Reads W3C trace contexts kept in event metadata or message headers. Use <see cref="Parent"/> for the first
/// delivery of what a command caused; use <see cref="Link"/> when a stored context is read back for anything
/// else (replay, re-publishing), so that old traces are referenced rather than grown without bound.
/// </summary>
public static class TraceContext
{
    /// <summary>The context to continue, when <paramref name="traceParent"/> is a valid W3C traceparent.</summary>
    public static ActivityContext? Parent(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;

    /// <summary>The context of an event's metadata as a span link, when it has one.</summary>
    public static ActivityLink? Link(EventMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Parent(metadata.TraceParent, metadata.TraceState) is { } context ? new ActivityLink(context) : null;
    }

    /// <summary>The links for a batch of stored events (one per distinct trace), for a replay or projection span.</summary>
    public static IEnumerable<ActivityLink> Links(IEnumerable<EventMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Select(Link).OfType<ActivityLink>().DistinctBy(l => l.Context.TraceId);
    }
}
