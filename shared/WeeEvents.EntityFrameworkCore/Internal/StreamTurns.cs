namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// In-process turns on streams for units of work: a unit that reads a stream holds its turn until it commits or is
/// disposed, so two messages of one process for the same aggregate (two orders taking the same SKU) run one after the
/// other instead of both reading the same revision, both doing the work, and one losing at commit and doing it again.
/// Only an optimisation: the unique stream index still settles every race (other processes take no turns here), and a
/// unit that waits longer than its patience (<see cref="StorageOptions.StreamTurnWait"/>) goes on without its turn.
/// Streams share a fixed set of turns by hash (<see cref="StorageOptions.StreamTurns"/>), which bounds memory.
/// <para>
/// Units that hold turns may want each other's: an order's reservation then its SKUs, while another order's unit holds
/// one of those SKUs and wants a stream of the first. Each unit that waits is noted with the turn it waits for, under
/// one lock; a unit that would close a circle of such waits (the holder of the turn it wants waits, through others
/// perhaps, for a turn it holds) goes on at once without the turn, and every other wait is a plain queue. Whoever
/// closes a circle is the one that sees it, so no circle forms.
/// </para>
/// </summary>
internal sealed class StreamTurns(TimeSpan wait, int count)
{
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly Lock _gate = new();
    // Which unit holds each turn and which turn each waiting unit waits for. A unit is known by its set of held turns.
    private readonly IReadOnlySet<int>?[] _holders = new IReadOnlySet<int>?[count];
    private readonly Dictionary<IReadOnlySet<int>, int> _waiting = new(ReferenceEqualityComparer.Instance);
    // A unit passing through holds nothing while it waits, so it is in no circle.
    private static readonly IReadOnlySet<int> Passing = new HashSet<int>();

    /// <summary>
    /// Waits for the turn on <paramref name="aggregate"/> for the unit that holds <paramref name="held"/> (the same set
    /// on every call of one unit, with each turn taken added to it); the returned turn is released when disposed.
    /// </summary>
    public async Task<Turn> TakeAsync(AggregateId aggregate, IReadOnlySet<int> held, CancellationToken cancellationToken)
    {
        var stripe = (int)((uint)aggregate.GetHashCode() % (uint)_turns.Length);
        if (held.Contains(stripe))
        {
            return default; // this unit holds it already (another stream of the same stripe)
        }

        lock (_gate)
        {
            // A unit that holds nothing cannot be waited for, so it closes no circle.
            if (held.Count > 0)
            {
                if (WouldCloseCircle(stripe, held))
                {
                    return default;
                }

                _waiting[held] = stripe;
            }
        }

        var taken = false;
        try
        {
            taken = await _turns[stripe].WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting.Remove(held);
                if (taken)
                {
                    _holders[stripe] = held;
                }
            }
        }

        return taken ? new Turn(this, stripe) : default;
    }

    /// <summary>
    /// Waits (up to the patience) until no unit holds the turn on <paramref name="aggregate"/>, without taking it: for a
    /// unit that must not hold others up (it waits on the outside world) but should read what a unit at work on the
    /// stream is about to commit, instead of racing it.
    /// </summary>
    public async Task PassAsync(AggregateId aggregate, CancellationToken cancellationToken) =>
        (await TakeAsync(aggregate, Passing, cancellationToken).ConfigureAwait(false)).Release();

    /// <summary>Whether the holder of <paramref name="stripe"/> waits, directly or through others, for a turn <paramref name="unit"/> holds.</summary>
    private bool WouldCloseCircle(int stripe, IReadOnlySet<int> unit)
    {
        // Each unit waits for one turn at most, so the chain is a path; it is no longer than the number of turns.
        for (var step = 0; step < _turns.Length; step++)
        {
            var holder = _holders[stripe];
            if (holder is null || !_waiting.TryGetValue(holder, out var next))
            {
                return false;
            }

            if (unit.Contains(next))
            {
                return true;
            }

            stripe = next;
        }

        return false;
    }

    private void Release(int stripe)
    {
        lock (_gate)
        {
            _holders[stripe] = null;
        }

        _turns[stripe].Release();
    }

    /// <summary>A held turn (or none: default).</summary>
    internal readonly record struct Turn(StreamTurns? Turns, int Stripe)
    {
        public bool Held => Turns is not null;

        public void Release() => Turns?.Release(Stripe);
    }
}
