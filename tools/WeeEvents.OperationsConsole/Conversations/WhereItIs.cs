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

    /// <summary>The last message sent that no route has handled.</summary>
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
/// outbox, the last message sent that no one handled), what is coming (a deadline), and its last step.
/// </summary>
public static class WhereItIs
{
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
        if (conversation.Unhandled is { } sent)
        {
            lines.Add(new WhereLine(WhereKind.Unhandled, $"Not handled: {Text.Short(sent.What)} sent by {sent.Service} at {Text.Time(sent.At)}, not handled by anyone yet."));
        }

        lines.AddRange(deadlines.Select(d => new WhereLine(WhereKind.Deadline,
            $"Coming: {d.Service}'s deadline for {d.Deadline.Aggregate} at {Text.Time(d.Deadline.DueAt)}: {d.Deadline.What}.")));
        lines.Add(conversation.Last is { } last
            ? new WhereLine(WhereKind.LastStep, $"Last step: {Text.Time(last.At)} · {last.Service} · {last.Kind.ToString().ToLowerInvariant()} {last.What}")
            : new WhereLine(WhereKind.Unknown, $"No service has a record of {id}."));
        return lines;
    }
}
