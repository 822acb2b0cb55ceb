using System.Collections.Concurrent;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// Every action an operator took on parked messages, with their name: written to the log (the lasting audit trail,
/// shipped wherever the console's logs go) and kept here, the latest first, so the failed-messages page shows what
/// was done and what came of it. The console holds no database; the list starts empty when it restarts.
/// </summary>
public sealed partial class OperatorJournal(ILogger<OperatorJournal> logger, TimeProvider time)
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<OperatorAction> _actions = new();

    /// <summary>The latest actions first.</summary>
    public IReadOnlyList<OperatorAction> Recent => [.. _actions.Reverse()];

    /// <summary>Records that <paramref name="operatorName"/> did <paramref name="action"/> to <paramref name="messages"/>.</summary>
    public OperatorAction Record(string operatorName, string action, string errorQueue, IReadOnlyList<MessageRef> messages, string? reason)
    {
        var entry = new OperatorAction(time.GetUtcNow(), operatorName, action, errorQueue, messages, reason);
        _actions.Enqueue(entry);
        while (_actions.Count > Kept && _actions.TryDequeue(out _))
        {
        }

        LogAction(operatorName, action, messages.Count, errorQueue, string.Join(',', messages.Select(m => m.MessageId)), reason ?? "");
        return entry;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Operator {Operator} {Action} {Count} parked message(s) of {Queue}: {MessageIds}. Reason: {Reason}")]
    private partial void LogAction(string @operator, string action, int count, string queue, string messageIds, string reason);
}

/// <summary>One operator action on parked messages.</summary>
/// <param name="At">When.</param>
/// <param name="Operator">Who (the token's subject).</param>
/// <param name="Action"><c>returned</c> or <c>discarded</c>.</param>
/// <param name="Queue">The error queue.</param>
/// <param name="Messages">The messages acted on.</param>
/// <param name="Reason">Why (required to discard).</param>
public sealed record OperatorAction(DateTimeOffset At, string Operator, string Action, string Queue, IReadOnlyList<MessageRef> Messages, string? Reason);

/// <summary>A message acted on: its id and its conversation.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="CorrelationId">Its correlation id, to follow what happened next.</param>
public sealed record MessageRef(string? MessageId, string? CorrelationId);
