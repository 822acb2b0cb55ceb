namespace WeeEvents.Messaging;

/// <summary>
/// One transaction for one message handler: the inbox row, appends to any number of aggregates, and
/// their outbox rows commit together or not at all. Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    /// <summary>An event store whose appends join this unit of work (create services on it).</summary>
    IEventStore Events { get; }

    /// <summary>
    /// Looks <paramref name="messageId"/> up in <paramref name="consumer"/>'s inbox and, when it was not handled, records
    /// with the commit that it is: false when it was handled before (do nothing for it). A twin handled at the same time
    /// still passes the look-up; the inbox's unique key then makes the second commit fail with
    /// <see cref="DuplicateMessage"/>, so whatever that unit did for the message is discarded.
    /// </summary>
    Task<bool> TryRecordHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Whether the inbox already holds <paramref name="messageId"/> for <paramref name="consumer"/>.</summary>
    Task<bool> WasHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Adds an outbox message that does not come from an appended event.</summary>
    void Enqueue(OutboxMessage message);

    /// <summary>Commits everything. A message a twin recorded first (<see cref="TryRecordHandledAsync"/>) surfaces as <see cref="DuplicateMessage"/>.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Starts units of work on a service's database.</summary>
public interface IUnitOfWorkFactory
{
    /// <summary>Begins a unit of work.</summary>
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>The inbox already holds this message for this consumer: a duplicate delivery, handled before.</summary>
public sealed class DuplicateMessage(string consumer, Guid messageId)
    : Exception($"Consumer '{consumer}' already handled message {messageId}.")
{
    /// <summary>The consumer.</summary>
    public string Consumer { get; } = consumer;

    /// <summary>The message id.</summary>
    public Guid MessageId { get; } = messageId;
}
