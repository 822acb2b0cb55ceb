using System.Collections.Concurrent;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// Every action an operator took on parked messages or read models, with their name: written to the log (the lasting audit trail,
/// shipped wherever the console's logs go) and kept here, the latest first, so the failed-messages page shows what
/// was done and what came of it. The console holds no database; the list starts empty when it restarts.
/// </summary>
public sealed partial class OperatorJournal(ILogger<OperatorJournal> logger, TimeProvider time)
{
    /// <summary>The action a projection rebuild is recorded as.</summary>
    public const string Rebuilt = "rebuilt";

    private const int Kept = 200;
    private readonly ConcurrentQueue<OperatorAction> _actions = new();

    /// <summary>The latest actions first.</summary>
    public IReadOnlyList<OperatorAction> Recent => [.. _actions.Reverse()];

    /// <summary>The latest actions named one of <paramref name="actions"/>, first.</summary>
    public IReadOnlyList<OperatorAction> RecentOf(params string[] actions) => [.. Recent.Where(a => actions.Contains(a.Action, StringComparer.Ordinal))];

    /// <summary>Records that <paramref name="operatorName"/> rebuilt <paramref name="service"/>'s projection <paramref name="projection"/>.</summary>
    public OperatorAction RecordRebuild(string operatorName, string service, string projection)
    {
        var entry = Keep(new OperatorAction(time.GetUtcNow(), operatorName, Rebuilt, $"{service}: {projection}", [], null));
        LogRebuild(operatorName, service, projection);
        return entry;
    }

    /// <summary>Records that <paramref name="operatorName"/> did <paramref name="action"/> to <paramref name="messages"/>.</summary>
    public OperatorAction Record(string operatorName, string action, string errorQueue, IReadOnlyList<MessageRef> messages, string? reason)
    {
        var entry = Keep(new OperatorAction(time.GetUtcNow(), operatorName, action, errorQueue, messages, reason));
        LogAction(operatorName, action, messages.Count, errorQueue, string.Join(',', messages.Select(m => m.MessageId)), reason ?? "");
        return entry;
    }

    private OperatorAction Keep(OperatorAction entry)
    {
        _actions.Enqueue(entry);
        while (_actions.Count > Kept && _actions.TryDequeue(out _))
        {
        }

        return entry;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Operator {Operator} rebuilt projection {Projection} of {Service}")]
    private partial void LogRebuild(string @operator, string service, string projection);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Operator {Operator} {Action} {Count} parked message(s) of {Queue}: {MessageIds}. Reason: {Reason}")]
    private partial void LogAction(string @operator, string action, int count, string queue, string messageIds, string reason);
}

/// <summary>One operator action on parked messages (or a read model's rebuild).</summary>
/// <param name="At">When.</param>
/// <param name="Operator">Who (the token's subject).</param>
/// <param name="Action"><c>returned</c>, <c>discarded</c> or <c>rebuilt</c>.</param>
/// <param name="Queue">The error queue (for a rebuild, the service and projection).</param>
/// <param name="Messages">The messages acted on.</param>
/// <param name="Reason">Why (required to discard).</param>
public sealed record OperatorAction(DateTimeOffset At, string Operator, string Action, string Queue, IReadOnlyList<MessageRef> Messages, string? Reason);

/// <summary>A message acted on: its id and its conversation.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="CorrelationId">Its correlation id, to follow what happened next.</param>
public sealed record MessageRef(string? MessageId, string? CorrelationId);
