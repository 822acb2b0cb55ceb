namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// The relay's lines for rows commits hand it, one per aggregate, so they leave in commit order: a commit publishes
/// only once every earlier commit of the same aggregates has settled, and gives its rows back unpublished when one of
/// those gave rows back, so the relay's claims, which keep per-aggregate order, take that aggregate over.
/// </summary>
internal sealed class AggregateLines
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AggregateId, Task<bool>> _tails = [];

    /// <summary>Takes a commit's place at the end of the lines of <paramref name="aggregates"/>.</summary>
    public Place Join(IReadOnlyList<AggregateId> aggregates)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ahead = new List<Task<bool>>();
        lock (_gate)
        {
            foreach (var aggregate in aggregates)
            {
                if (_tails.TryGetValue(aggregate, out var tail))
                {
                    ahead.Add(tail);
                }

                _tails[aggregate] = done.Task;
            }
        }

        return new Place(this, aggregates, ahead, done);
    }

    /// <summary>Completes once every commit in line now has settled.</summary>
    public Task SettledAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values.ToList());
        }
    }

    private void Leave(Place place, bool published)
    {
        lock (_gate)
        {
            foreach (var aggregate in place.Aggregates)
            {
                // The line ends here unless a later commit joined it.
                if (_tails.TryGetValue(aggregate, out var tail) && tail == place.Done.Task)
                {
                    _tails.Remove(aggregate);
                }
            }
        }

        place.Done.TrySetResult(published);
    }

    /// <summary>One commit's place in its aggregates' lines.</summary>
    internal sealed class Place(AggregateLines lines, IReadOnlyList<AggregateId> aggregates, IReadOnlyList<Task<bool>> ahead, TaskCompletionSource<bool> done)
    {
        public IReadOnlyList<AggregateId> Aggregates => aggregates;

        public TaskCompletionSource<bool> Done => done;

        /// <summary>Waits for the commits ahead; true when all of them were published.</summary>
        public async Task<bool> AheadPublishedAsync()
        {
            var published = true;
            foreach (var previous in ahead)
            {
                published &= await previous.ConfigureAwait(false);
            }

            return published;
        }

        /// <summary>Settled: lets the commits behind go, or sends them back too when this one gave rows back.</summary>
        public void Leave(bool published) => lines.Leave(this, published);
    }
}
