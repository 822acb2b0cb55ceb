namespace WeeEvents.Messaging;

/// <summary>An outbox row claimed by one relay instance.</summary>
/// <param name="Position">The row's position in the outbox (its key).</param>
/// <param name="Message">The message to publish.</param>
/// <param name="Attempts">How many times publishing it was tried before.</param>
public sealed record ClaimedOutboxMessage(long Position, OutboxMessage Message, int Attempts);

/// <summary>What the outbox relay needs from a store.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> pending rows for this instance, oldest first, never a row
    /// whose aggregate has an earlier row still pending or claimed elsewhere (per-aggregate order).
    /// </summary>
    Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Marks rows as published (after the broker confirmed them).</summary>
    Task MarkDispatchedAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken);

    /// <summary>Gives claimed rows back, unpublished, for a later attempt.</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken);

    /// <summary>Deletes rows dispatched before <paramref name="dispatchedBefore"/>; returns how many.</summary>
    Task<int> PurgeDispatchedAsync(DateTimeOffset dispatchedBefore, CancellationToken cancellationToken);

    /// <summary>How many rows wait to be published.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}

/// <summary>Wakes the relay when a commit in this process wrote outbox rows, so it need not wait for its next poll.</summary>
public interface IOutboxSignal
{
    /// <summary>Says that rows were committed.</summary>
    void Notify();

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
