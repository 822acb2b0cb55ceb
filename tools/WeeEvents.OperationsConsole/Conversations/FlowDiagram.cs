using WeeEvents.Operator;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Conversations;

/// <summary>
/// A conversation drawn as a sequence diagram: a lane per service, in the order they joined; each event a dot on its
/// service's lane; each message handled an arrow from the lane that published it to the lane that handled it; a parked
/// message a red arrow that stops short; a message still in an outbox a dashed stub; a deadline a mark at the end.
/// Rows are in time order. A handled message's lane is the service its route names (<c>shipping.schedule</c>), and an
/// event caused by it is on that lane, so services sharing one process (the demo) still get a lane each.
/// </summary>
/// <param name="Lanes">The services, left to right.</param>
/// <param name="Rows">What happened, top to bottom.</param>
public sealed record FlowDiagram(IReadOnlyList<string> Lanes, IReadOnlyList<FlowRow> Rows)
{
    // How many leading letters a service's name and an entity type share for one to be the other's (ship: shipping, shipment).
    private const int NameMatch = 4;

    /// <summary>Who published what to whom, once each, by lane.</summary>
    public IEnumerable<FlowEdge> Edges => Rows.Where(r => r.Kind == FlowRowKind.Message).Select(r => new FlowEdge(Lanes[r.From], r.Label, Lanes[r.To])).Distinct();

    /// <summary>Lays <paramref name="conversation"/> out, with the deadlines its services keep.</summary>
    public static FlowDiagram Of(Conversation conversation, IReadOnlyList<(string Service, UpcomingDeadline Deadline)> deadlines)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(deadlines);
        var lanes = new List<string>();
        int Lane(string service)
        {
            var at = lanes.IndexOf(service);
            if (at < 0)
            {
                lanes.Add(service);
                at = lanes.Count - 1;
            }

            return at;
        }

        var handled = conversation.Timeline.Where(s => s.Kind == StepKind.Handled).ToLookup(s => (s.Id, s.Service));
        var routeOwners = handled.SelectMany(h => h).Select(RouteOwner).Distinct(StringComparer.Ordinal).ToArray();
        var eventLane = new Dictionary<Guid, string>();
        var rows = new List<FlowRow>();
        foreach (var step in conversation.Timeline)
        {
            switch (step.Kind)
            {
                case StepKind.Appended:
                    // An event caused by a message handled here is on the handler's lane; one from a command, on its service's.
                    var lane = step.Cause is { } cause && handled[(cause, step.Service)].ToArray() is { Length: > 0 } handlers
                        ? Handler(step, handlers)
                        : CommandLane(step, routeOwners);
                    eventLane[step.Id] = lane;
                    rows.Add(new FlowRow(FlowRowKind.Event, Lane(lane), Lane(lane), step.What, step.At, null));
                    break;
                case StepKind.Handled when eventLane.TryGetValue(step.Id, out var from):
                    rows.Add(new FlowRow(FlowRowKind.Message, Lane(from), Lane(RouteOwner(step)), step.CausedBy?.Split(": ", 2)[^1] ?? step.What, step.At, step.Took));
                    break;
                case StepKind.Waiting when eventLane.TryGetValue(step.Id, out var waiting):
                    rows.Add(new FlowRow(FlowRowKind.Waiting, Lane(waiting), Lane(waiting), $"{Short(step.What)} waits in the outbox", step.At, null));
                    break;
            }
        }

        foreach (var parked in conversation.Parked)
        {
            var from = Guid.TryParse(parked.MessageId, out var id) && eventLane.TryGetValue(id, out var publisher) ? publisher : ServiceOf(parked.SourceQueue);
            rows.Add(new FlowRow(FlowRowKind.Parked, Lane(from), Lane(ServiceOf(parked.SourceQueue)), $"parked in {parked.Queue}: {parked.ExceptionType}", parked.FailedAt ?? DateTimeOffset.MaxValue, null));
        }

        foreach (var (service, deadline) in deadlines)
        {
            rows.Add(new FlowRow(FlowRowKind.Deadline, Lane(service), Lane(service), $"deadline {deadline.DueAt:HH:mm:ss}: {deadline.What}", deadline.DueAt, null));
        }

        return new FlowDiagram(lanes, [.. rows.OrderBy(r => r.At)]);
    }

    // Routes are named service.route; a name without a dot belongs to the service that answered.
    private static string RouteOwner(TimelineEntry handled) => handled.What.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? handled.What[..dot] : handled.Service;

    // An event from a command is on its service's lane; where that service is not one the routes name (one process
    // serving several, the demo), on the lane of the route owner whose name best matches its stream.
    private static string CommandLane(TimelineEntry step, string[] routeOwners) =>
        routeOwners.Contains(step.Service, StringComparer.Ordinal) || routeOwners.Length == 0
            ? step.Service
            : routeOwners.MaxBy(o => CommonPrefix(o, step.Stream ?? "")) is { } best && CommonPrefix(best, step.Stream ?? "") >= NameMatch ? best : step.Service;

    // One service's inbox holds one message for several routes only where services share a database (the demo): the
    // route whose service's name matches the event's stream (shipping, shipment) caused it, else the one whose handling
    // committed nearest to it (its events and its inbox row commit together).
    private static string Handler(TimelineEntry appended, TimelineEntry[] handlers)
    {
        var stream = appended.Stream ?? "";
        var byName = handlers.MaxBy(h => CommonPrefix(RouteOwner(h), stream))!;
        return CommonPrefix(RouteOwner(byName), stream) >= NameMatch
            ? RouteOwner(byName)
            : RouteOwner(handlers.MinBy(h => (h.At - appended.At).Duration())!);
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static string ServiceOf(string queue) => queue.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? queue[..dot] : queue;

    private static string Short(string contract) => contract.Split(':', '.')[^1];
}

/// <summary>What a row of a flow diagram shows.</summary>
public enum FlowRowKind
{
    /// <summary>An event appended on a lane.</summary>
    Event,

    /// <summary>A message published on one lane and handled on another.</summary>
    Message,

    /// <summary>A message still waiting in an outbox.</summary>
    Waiting,

    /// <summary>A message parked after failing.</summary>
    Parked,

    /// <summary>A deadline a service keeps.</summary>
    Deadline,
}

/// <summary>One row of a flow diagram.</summary>
/// <param name="Kind">What it shows.</param>
/// <param name="From">The lane it starts on.</param>
/// <param name="To">The lane it ends on (the same for an event, a waiting message or a deadline).</param>
/// <param name="Label">Its text.</param>
/// <param name="At">When.</param>
/// <param name="Took">How long the hop took, for a message.</param>
public sealed record FlowRow(FlowRowKind Kind, int From, int To, string Label, DateTimeOffset At, TimeSpan? Took);
