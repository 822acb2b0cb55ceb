namespace WeeEvents.Messaging;

/// <summary>
/// Publishes outbox rows as soon as the transaction that wrote them commits, so a message waits for one broker
/// confirmation rather than for the relay's next claim. The rows stay the durable record: a store writes them
/// already leased to this process, and whatever is not confirmed (a failed publish, a crash) falls back to the relay
/// once given back or once the lease ends. Per aggregate, messages leave in commit order.
/// </summary>
public interface IOutboxDispatcher
{
    /// <summary>
    /// Called just before a commit that writes outbox rows for <paramref name="sources"/>: takes this commit's place
    /// in each aggregate's line. Report the commit through <see cref="IOutboxDispatch.Committed"/>; dispose the
    /// dispatch in every case (without <see cref="IOutboxDispatch.Committed"/>, it means nothing was written).
    /// </summary>
    IOutboxDispatch Begin(IEnumerable<AggregateId> sources);
}

/// <summary>One commit's place in its aggregates' dispatch lines (see <see cref="IOutboxDispatcher.Begin"/>).</summary>
public interface IOutboxDispatch : IDisposable
{
    /// <summary>The commit succeeded with these rows (leased to this process): publish them.</summary>
    void Committed(IReadOnlyList<ClaimedOutboxMessage> messages);
}
