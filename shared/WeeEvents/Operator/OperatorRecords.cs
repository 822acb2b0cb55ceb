namespace WeeEvents.Operator;

/// <summary>
/// What an operator reads of one service's own records (its event table, outbox, inbox and read-model checkpoints) to
/// follow a conversation across services and see how far its read models are behind. The storage provides it; the
/// service's operator endpoints serve it.
/// </summary>
public interface IOperatorRecords
{
    /// <summary>
    /// The service's part of a conversation: events whose stream key or correlation id is one of <paramref name="ids"/>
    /// (an order id is both the key of that order's streams and, through them, the way to its correlation ids), what
    /// its outbox sent of them, and which of <paramref name="messageIds"/> (or of the messages that caused those events)
    /// its inbox handled.
    /// </summary>
    Task<ConversationPart> ConversationAsync(IReadOnlyCollection<string> ids, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken);

    /// <summary>Every read model's checkpoint against the head of the event table.</summary>
    Task<IReadOnlyList<ProjectionProgress>> ProjectionsAsync(CancellationToken cancellationToken);

    /// <summary>How many outbox rows wait to be published, and how long the oldest has waited.</summary>
    Task<OutboxBacklog> OutboxBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>An event of a conversation, without its data: what happened, to which stream, when, and why.</summary>
/// <param name="EventId">The event's id; the id of the message its outbox sent for it.</param>
/// <param name="Aggregate">The stream, encoded <c>type.key</c>.</param>
/// <param name="Revision">The stream's revision after it.</param>
/// <param name="Type">The event type.</param>
/// <param name="RecordedAt">When it was appended.</param>
/// <param name="CorrelationId">The conversation it belongs to.</param>
/// <param name="CausationId">The message or command that caused it.</param>
/// <param name="Actor">Who asked for it (a caller's subject; a consumer for messages).</param>
public sealed record ConversationEvent(Guid EventId, string Aggregate, long Revision, string Type, DateTimeOffset RecordedAt, string? CorrelationId, string? CausationId, string? Actor);

/// <summary>A message the service's outbox holds for a conversation event (dispatched rows are purged after a while).</summary>
/// <param name="MessageId">The message's id: its source event's id.</param>
/// <param name="MessageType">The contract's name.</param>
/// <param name="CreatedAt">When the event's transaction wrote it.</param>
/// <param name="DispatchedAt">When the relay published it; null while it waits.</param>
/// <param name="Attempts">How many times the relay tried.</param>
public sealed record SentMessage(Guid MessageId, string MessageType, DateTimeOffset CreatedAt, DateTimeOffset? DispatchedAt, int Attempts);

/// <summary>A message the service's inbox recorded as handled by <paramref name="Consumer"/>.</summary>
/// <param name="Consumer">The route that handled it.</param>
/// <param name="MessageId">The message's id.</param>
/// <param name="ReceivedAt">When its handling committed.</param>
public sealed record HandledMessage(string Consumer, Guid MessageId, DateTimeOffset ReceivedAt);

/// <summary>One service's records of a conversation.</summary>
/// <param name="Events">Its events, oldest first.</param>
/// <param name="Sent">What its outbox holds of them.</param>
/// <param name="Handled">What its inbox handled.</param>
public sealed record ConversationPart(IReadOnlyList<ConversationEvent> Events, IReadOnlyList<SentMessage> Sent, IReadOnlyList<HandledMessage> Handled);

/// <summary>How far a read model is behind the events it is built from.</summary>
/// <param name="Name">The projection's name.</param>
/// <param name="Checkpoint">The position of the last event it applied (0 before the first).</param>
/// <param name="Head">The position of the last event committed.</param>
/// <param name="EventsBehind">About how many events it still has to read.</param>
/// <param name="SecondsBehind">How old the oldest event it has not read is; 0 when caught up.</param>
/// <param name="UpdatedAt">When its checkpoint last moved.</param>
public sealed record ProjectionProgress(string Name, long Checkpoint, long Head, long EventsBehind, double SecondsBehind, DateTimeOffset? UpdatedAt);
