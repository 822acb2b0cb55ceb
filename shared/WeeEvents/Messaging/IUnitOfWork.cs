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
    /// Records that <paramref name="consumer"/> handles <paramref name="messageId"/>. Returns false when the
    /// inbox already has the row: the message was handled before and must be acknowledged and skipped.
    /// </summary>
    Task<bool> TryRecordInboxAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="consumer"/> handles <paramref name="messageId"/> without looking for the row first,
    /// saving a round trip: for a delivery that cannot repeat an earlier one (the first send of a message, not
    /// redelivered). The inbox's unique key still refuses a twin at commit, as <see cref="DuplicateMessage"/>.
    /// </summary>
    void RecordInbox(string consumer, Guid messageId);

    /// <summary>
    /// Lets the unit take a stream it knows nothing of (not in its store's cache) to be new, without reading it: for the
    /// first delivery of a message published as its commit returned, whose handler most often starts a stream (a
    /// payment for an order). The commit proves the guess or fails: an append at the first revision meets the stream's
    /// unique index, and a stream taken as new but not appended to is read before anything is written. A unit that
    /// failed so is handled again without the guess. A unit that cannot prove it ignores this (the default).
    /// </summary>
    void AssumeUnknownStreamsNew()
    {
    }

    /// <summary>Adds an outbox message that does not come from an appended event.</summary>
    void Enqueue(OutboxMessage message);

    /// <summary>Commits everything. A concurrent duplicate of the inbox row surfaces as <see cref="DuplicateMessage"/>.</summary>
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
