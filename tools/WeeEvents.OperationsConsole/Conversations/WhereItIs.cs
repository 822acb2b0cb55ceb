using Text = WeeEvents.OperationsConsole.Components.Pages.Failed;
using WeeEvents.Operator;

namespace WeeEvents.OperationsConsole.Conversations;

/// <summary>What a line of a conversation's "where it is" tells.</summary>
public enum WhereKind
{
    /// <summary>A message of it is parked in an <c>_error</c> queue.</summary>
    Parked,

    /// <summary>A message of it is still in an outbox.</summary>
    Waiting,

    /// <summary>A message sent that a route expected to handle it has not handled.</summary>
    Unhandled,

    /// <summary>A deadline a service keeps for it.</summary>
    Deadline,

    /// <summary>Its last step.</summary>
    LastStep,

    /// <summary>No service has a record of it.</summary>
    Unknown,
}

/// <summary>One line of a conversation's "where it is".</summary>
/// <param name="Kind">What it tells.</param>
/// <param name="Text">The sentence an operator reads.</param>
/// <param name="Link">Where to act on it (a parked message's page), relative to the console.</param>
public sealed record WhereLine(WhereKind Kind, string Text, string? Link = null);

/// <summary>
/// Where a conversation is, in the order an operator acts on it: what stopped it (a parked message, a message still in an
/// outbox, the latest messages sent that a route consuming their contract has not handled), what is coming (a deadline),
/// and its last step.
/// </summary>
public static class WhereItIs
{
    /// <summary>The most messages not handled told one by one; the rest are counted in one more line.</summary>
    public const int MostUnhandled = 3;

    /// <summary>The lines for <paramref name="conversation"/>, found by <paramref name="id"/>, with the deadlines its services keep.</summary>
    public static IReadOnlyList<WhereLine> Of(Conversation conversation, IReadOnlyList<(string Service, UpcomingDeadline Deadline)> deadlines, string id)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(deadlines);
        var lines = new List<WhereLine>();
        lines.AddRange(conversation.Parked.Select(m => new WhereLine(WhereKind.Parked,
            $"Stopped: {m.MessageType} is parked in {m.Queue} ({m.ExceptionType}: {m.Reason}).",
            $"failed/message?queue={Uri.EscapeDataString(m.Queue)}&id={Uri.EscapeDataString(m.MessageId ?? "")}")));
        lines.AddRange(conversation.Waiting.Select(w => new WhereLine(WhereKind.Waiting, $"Waiting: {w.What} is still in {w.Service}'s outbox.")));
        lines.AddRange(conversation.Unhandled.Take(MostUnhandled).Select(u => new WhereLine(WhereKind.Unhandled,
            $"Not handled: {Text.Short(u.Sent.What)} sent by {u.Sent.Service} at {Text.Time(u.Sent.At)}, not yet handled by {string.Join(", ", u.Routes)}.")));
        if (conversation.Unhandled.Count > MostUnhandled)
        {
            lines.Add(new WhereLine(WhereKind.Unhandled, $"Not handled: {conversation.Unhandled.Count - MostUnhandled} earlier message(s) more (see the timeline)."));
        }

        lines.AddRange(deadlines.Select(d => new WhereLine(WhereKind.Deadline,
            $"Coming: {d.Service}'s deadline for {d.Deadline.Aggregate} at {Text.Time(d.Deadline.DueAt)}: {d.Deadline.What}.")));
        lines.Add(conversation.Last is { } last
            ? new WhereLine(WhereKind.LastStep, $"Last step: {Text.Time(last.At)} · {last.Service} · {last.Kind.ToString().ToLowerInvariant()} {last.What}")
            : new WhereLine(WhereKind.Unknown, $"No service has a record of {id}."));
        return lines;
    }
}
