using WeeEvents.Operator;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Conversations;

/// <summary>
/// One conversation across the services, in time order: each event appended, each message sent from an outbox and
/// each message handled by an inbox, with the time each hop took; who published what to whom; and where it stopped.
/// </summary>
/// <param name="Ids">The ids it was found by: the one asked for and the correlation ids found through it.</param>
/// <param name="Timeline">Every step, oldest first.</param>
/// <param name="Flow">Who published what to whom.</param>
/// <param name="Parked">Its messages parked now.</param>
/// <param name="Waiting">Messages still in an outbox.</param>
/// <param name="Unanswered">Services that did not answer, and why.</param>
public sealed record Conversation(
    IReadOnlyList<string> Ids,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<FlowEdge> Flow,
    IReadOnlyList<ParkedMessage> Parked,
    IReadOnlyList<TimelineEntry> Waiting,
    IReadOnlyDictionary<string, string> Unanswered)
{
    /// <summary>The last step, where a conversation that is not moving stopped.</summary>
    public TimelineEntry? Last => Timeline.Count == 0 ? null : Timeline[^1];

    /// <summary>
    /// The messages an outbox sent that a route expected to handle them has not handled, the latest first: where a
    /// conversation stopped when a service behind it is slow, stopped or not deployed. A message's expected routes are those
    /// that consume its contract (each service's <c>GET /operator/routes</c>); those whose inbox holds its id, or whose
    /// <c>_error</c> queue holds it parked (told as parked), are not missing. A contract no route consumes (an order's
    /// completion) is expected by no one, so never called out.
    /// </summary>
    public IReadOnlyList<UnhandledMessage> Unhandled { get; init; } = [];

    /// <summary>Builds the conversation from each service's part, checking each message sent against <paramref name="routes"/>.</summary>
    public static Conversation From(
        IReadOnlyList<string> ids, IReadOnlyDictionary<string, ConversationPart> parts, IReadOnlyList<ParkedMessage> parked,
        IReadOnlyList<RouteContract> routes, IReadOnlyDictionary<string, string> unanswered)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(parked);
        ArgumentNullException.ThrowIfNull(routes);
        var events = parts.SelectMany(p => p.Value.Events.Select(e => (Service: p.Key, Event: e)))
            .GroupBy(e => e.Event.EventId).ToDictionary(g => g.Key, g => g.First());
        var timeline = new List<TimelineEntry>();
        foreach (var (service, e) in events.Values)
        {
            var cause = Guid.TryParse(e.CausationId, out var c) && events.TryGetValue(c, out var found) ? found : default;
            timeline.Add(new TimelineEntry(e.RecordedAt, service, StepKind.Appended, e.Type, e.Aggregate, e.Actor,
                cause.Event is null ? e.CausationId : $"{cause.Service}: {cause.Event.Type}",
                cause.Event is null ? null : e.RecordedAt - cause.Event.RecordedAt, e.EventId)
            { Cause = Guid.TryParse(e.CausationId, out var causation) ? causation : null });
        }

        var waiting = new List<TimelineEntry>();
        foreach (var (service, part) in parts)
        {
            foreach (var sent in part.Sent)
            {
                var entry = new TimelineEntry(sent.DispatchedAt ?? sent.CreatedAt, service, sent.DispatchedAt is null ? StepKind.Waiting : StepKind.Sent,
                    sent.MessageType, null, null, events.TryGetValue(sent.MessageId, out var source) ? $"{source.Service}: {source.Event.Type}" : null,
                    sent.DispatchedAt - sent.CreatedAt, sent.MessageId);
                timeline.Add(entry);
                if (sent.DispatchedAt is null)
                {
                    waiting.Add(entry);
                }
            }

            foreach (var handled in part.Handled)
            {
                var source = events.TryGetValue(handled.MessageId, out var s) ? s : default;
                timeline.Add(new TimelineEntry(handled.ReceivedAt, service, StepKind.Handled, handled.Consumer, null, null,
                    source.Event is null ? handled.MessageId.ToString() : $"{source.Service}: {source.Event.Type}",
                    source.Event is null ? null : handled.ReceivedAt - source.Event.RecordedAt, handled.MessageId));
            }
        }

        var flow = parts.SelectMany(p => p.Value.Handled.Select(h => (Handler: p.Key, h.MessageId)))
            .Where(h => events.ContainsKey(h.MessageId))
            .Select(h => new FlowEdge(events[h.MessageId].Service, events[h.MessageId].Event.Type, h.Handler))
            .Distinct().OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToArray();
        return new Conversation(ids, [.. timeline.OrderBy(t => t.At).ThenBy(t => t.Kind)], flow, parked, waiting, unanswered)
        {
            Unhandled = UnhandledOf(timeline, parts, parked, routes),
        };
    }

    private static UnhandledMessage[] UnhandledOf(
        List<TimelineEntry> timeline, IReadOnlyDictionary<string, ConversationPart> parts, IReadOnlyList<ParkedMessage> parked, IReadOnlyList<RouteContract> routes)
    {
        var expected = routes.ToLookup(r => r.MessageType, r => r.Route, StringComparer.Ordinal);
        // A route's answer to a message: its inbox handled it, or its error queue (named for the route) holds it parked.
        var answered = parts.Values.SelectMany(p => p.Handled).Select(h => (h.MessageId, Route: h.Consumer))
            .Concat(parked.Select(m => (MessageId: Guid.TryParse(m.MessageId, out var id) ? id : Guid.Empty, Route: ErrorQueues.SourceOf(m.Queue))))
            .ToHashSet();
        return [.. timeline.Where(t => t.Kind == StepKind.Sent)
            .Select(t => new UnhandledMessage(t, [.. expected[t.What].Distinct(StringComparer.Ordinal).Where(r => !answered.Contains((t.Id, r))).Order(StringComparer.Ordinal)]))
            .Where(u => u.Routes.Count > 0)
            .OrderByDescending(u => u.Sent.At)];
    }
}

/// <summary>What a step of a conversation was.</summary>
public enum StepKind
{
    /// <summary>An event appended to a stream.</summary>
    Appended,

    /// <summary>A message published from an outbox.</summary>
    Sent,

    /// <summary>A message still waiting in an outbox.</summary>
    Waiting,

    /// <summary>A message handled by an inbox.</summary>
    Handled,
}

/// <summary>One step of a conversation.</summary>
/// <param name="At">When.</param>
/// <param name="Service">Where.</param>
/// <param name="Kind">What kind of step.</param>
/// <param name="What">The event type, contract or consumer.</param>
/// <param name="Stream">The stream an event was appended to.</param>
/// <param name="Actor">Who asked for an event.</param>
/// <param name="CausedBy">What caused it (a service's event, or the causation id when that is not in the conversation).</param>
/// <param name="Took">How long the hop from its cause took (an outbox's wait, for a message sent).</param>
/// <param name="Id">The event's or message's id.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Service, StepKind Kind, string What, string? Stream, string? Actor, string? CausedBy, TimeSpan? Took, Guid Id)
{
    /// <summary>The id of the message or command that caused an event, when it is one.</summary>
    public Guid? Cause { get; init; }
}

/// <summary>A message sent that routes expected to handle it have not handled.</summary>
/// <param name="Sent">The message's step in the timeline.</param>
/// <param name="Routes">The routes that consume its contract and have not handled it, by name.</param>
public sealed record UnhandledMessage(TimelineEntry Sent, IReadOnlyList<string> Routes);

/// <summary>A service's event that another service handled.</summary>
/// <param name="From">The publishing service.</param>
/// <param name="Message">The event published.</param>
/// <param name="To">The handling service.</param>
public sealed record FlowEdge(string From, string Message, string To);
