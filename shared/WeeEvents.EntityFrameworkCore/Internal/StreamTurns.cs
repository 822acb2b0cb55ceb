namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// In-process turns on streams for units of work: a unit that reads a stream holds its turn until it commits or is
/// disposed, so two messages of one process for the same aggregate (two orders taking the same SKU) run one after the
/// other instead of both reading the same revision, both doing the work, and one losing at commit and doing it again.
/// Only an optimisation: the unique stream index still settles every race (other processes take no turns here), and a
/// unit that waits longer than its patience goes on without its turn. Streams share a fixed set of turns by hash
/// (<see cref="StorageOptions.StreamTurns"/>), which bounds memory. A unit waits up to
/// <see cref="StorageOptions.StreamTurnWait"/> for a turn numbered above every turn it holds: units that only ever wait
/// upwards cannot wait for each other in a circle. For a turn below one it holds it waits only
/// <see cref="StorageOptions.StreamTurnWaitWhileHolding"/>, because the unit holding that turn may be waiting for one of
/// its own (they read the same streams in opposite orders, or two streams that share a turn).
/// </summary>
internal sealed class StreamTurns(TimeSpan wait, TimeSpan waitWhileHolding, int count)
{
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the turn on <paramref name="aggregate"/>; the returned turn is released when disposed.</summary>
    public async Task<Turn> TakeAsync(AggregateId aggregate, IReadOnlySet<int> held, CancellationToken cancellationToken)
    {
        var stripe = (int)((uint)aggregate.GetHashCode() % (uint)_turns.Length);
        if (held.Contains(stripe))
        {
            return default; // this unit holds it already (another stream of the same stripe)
        }

        var turn = _turns[stripe];
        return await turn.WaitAsync(held.Count == 0 || stripe > held.Max() ? wait : waitWhileHolding, cancellationToken).ConfigureAwait(false) ? new Turn(turn, stripe) : default;
    }

    /// <summary>A held turn (or none: default).</summary>
    internal readonly record struct Turn(SemaphoreSlim? Semaphore, int Stripe)
    {
        public bool Held => Semaphore is not null;

        public void Release() => Semaphore?.Release();
    }
}
