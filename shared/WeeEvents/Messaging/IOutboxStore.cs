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

    /// <summary>How many rows wait to be published.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Hands <paramref name="committed"/> the outbox rows of every later commit of this process, as soon as the commit
    /// returns and before anything else in the process can see it, so an aggregate's commits arrive in the order they
    /// were made. The rows come already claimed by this instance, as <see cref="ClaimAsync"/> would claim them: no other
    /// instance takes them while they are published, and whatever is not marked dispatched comes back to
    /// <see cref="ClaimAsync"/> once released or once the claim runs out. Rows committed while nothing is subscribed are
    /// left unclaimed. <paramref name="committed"/> runs on the committing thread: it must return at once and not throw.
    /// One subscriber at a time; dispose the result to stop.
    /// </summary>
    /// <exception cref="InvalidOperationException">Something is subscribed already.</exception>
    IDisposable SubscribeToCommits(Action<IReadOnlyList<ClaimedOutboxMessage>> committed);
}
