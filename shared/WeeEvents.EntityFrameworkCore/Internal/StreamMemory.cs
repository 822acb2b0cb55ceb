using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// What this process knows of each stream it read or wrote, one entry a stream: the revision it is known to have
/// reached, the end of it as last committed here (from the revision its readers need on), and the entity last folded
/// from it (<see cref="IEntityMemory"/>). Part of the <see cref="StreamSession"/>, which proves what it takes from here.
/// <para>
/// Bounded by <see cref="StorageOptions.StreamMemory"/>, counted in events: a stream counts the events it keeps, and at
/// least one. A stream kept, committed or found further on moves to the back; the streams touched longest ago go first,
/// so a hot stream (a popular SKU) stays however long it grows. Zero turns it off: nothing is kept at all.
/// </para>
/// <para>
/// <see cref="Forget"/> is the one way anything kept of a stream is let go before its turn: a lost race and a forgotten
/// customer both go through it. It drops the events and the entity, which may be stale or hold a forgotten customer's
/// values in the clear, and keeps the revision reached, a fact with nothing personal in it.
/// </para>
/// </summary>
/// <param name="capacity">The most events held (each stream counting at least one); zero keeps nothing.</param>
internal sealed class StreamMemory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AggregateId, LinkedListNode<Known>> _streams = [];
    // Touched longest ago first. A replaced list is let go at once instead of waiting in line for the GC to copy.
    private readonly LinkedList<Known> _age = new();
    private long _held;

    /// <summary>Whether anything is kept (a capacity of zero turns it off).</summary>
    public bool Enabled => capacity > 0;

    /// <summary>What is held now, over every stream: the events, each stream counting at least one.</summary>
    public long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The stream's end as last committed by this process (from its first event, or from where its readers start), or null.</summary>
    public IReadOnlyList<RecordedEvent<JsonElement>>? Events(AggregateId aggregate)
    {
        if (!Enabled)
        {
            return null;
        }

        lock (_gate)
        {
            return _streams.TryGetValue(aggregate, out var node) ? node.Value.Events : null;
        }
    }

    /// <summary>The entity last folded from the stream (a <see cref="KeptEntity{TState}"/>), or null.</summary>
    public object? Entity(AggregateId aggregate)
    {
        if (!Enabled)
        {
            return null;
        }

        lock (_gate)
        {
            return _streams.TryGetValue(aggregate, out var node) ? node.Value.Entity : null;
        }
    }

    /// <summary>Whether the stream is known to have reached <paramref name="revision"/>.</summary>
    public bool HasReached(AggregateId aggregate, Revision revision)
    {
        if (!Enabled)
        {
            return false;
        }

        lock (_gate)
        {
            return _streams.TryGetValue(aggregate, out var node) && node.Value.Reached >= revision.Value;
        }
    }

    /// <summary>The stream was found at <paramref name="revision"/> or beyond (revisions only grow, so this stays true).</summary>
    public void Reached(AggregateId aggregate, Revision revision)
    {
        if (!Enabled || revision == Revision.Initial)
        {
            return;
        }

        lock (_gate)
        {
            var known = Take(aggregate);
            known.Reached = Math.Max(known.Reached, revision.Value);
            Settle(known);
        }
    }

    /// <summary>
    /// A commit of this process took the stream to <paramref name="last"/>: <paramref name="end"/> is its end as the
    /// committer knows it, or null when the committer does not, so that nothing older than the commit is served.
    /// </summary>
    public void Committed(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>>? end, Revision last)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            var known = Take(aggregate);
            known.Reached = Math.Max(known.Reached, last.Value);
            if (end is null || end.Count == 0 || end.Count > capacity)
            {
                known.Events = null;
            }
            else if (known.Events is not { } held || held[^1].Revision <= end[^1].Revision)
            {
                // Two commits of one stream may arrive in either order: the later revision stays.
                known.Events = end;
            }

            Settle(known);
        }
    }

    /// <summary>Keeps <paramref name="entity"/> (a <see cref="KeptEntity{TState}"/>) as the entity last folded from the stream.</summary>
    public void Keep(AggregateId aggregate, object entity)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            var known = Take(aggregate);
            known.Entity = entity;
            Settle(known);
        }
    }

    /// <summary>
    /// Forgets what the stream held (its events and its entity): it may have changed in a way this process does not
    /// know (a lost race), or hold a forgotten customer's values. <paramref name="taken"/>, when known, is a revision
    /// another writer took: the stream is remembered to have reached it.
    /// </summary>
    public void Forget(AggregateId aggregate, Revision? taken = null)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (taken is { } revision)
            {
                var known = Take(aggregate);
                (known.Events, known.Entity, known.Reached) = (null, null, Math.Max(known.Reached, revision.Value));
                Settle(known);
            }
            else if (_streams.TryGetValue(aggregate, out var node))
            {
                Clear(node.Value);
            }
        }
    }

    /// <summary>Forgets what every stream held, as <see cref="Forget"/> does one: a data subject was forgotten, and any stream may name them.</summary>
    public void ForgetAll()
    {
        lock (_gate)
        {
            foreach (var known in _age)
            {
                Clear(known);
            }
        }
    }

    /// <summary>The stream's entry (made when absent), moved to the back and, until <see cref="Settle"/>, not counted.</summary>
    private Known Take(AggregateId aggregate)
    {
        if (!_streams.TryGetValue(aggregate, out var node))
        {
            _streams[aggregate] = node = _age.AddLast(new Known(aggregate));
            return node.Value;
        }

        _age.Remove(node);
        _age.AddLast(node);
        _held -= node.Value.Weight;
        return node.Value;
    }

    /// <summary>Counts <paramref name="known"/> again as it is now, and lets the streams touched longest ago go while over capacity.</summary>
    private void Settle(Known known)
    {
        _held += known.Weight;
        while (_held > capacity && _age.First is { } oldest)
        {
            _held -= oldest.Value.Weight;
            _age.Remove(oldest);
            _streams.Remove(oldest.Value.Aggregate);
        }
    }

    private void Clear(Known known)
    {
        _held -= known.Weight;
        (known.Events, known.Entity) = (null, null);
        _held += known.Weight; // one: what is left is the revision reached
    }

    /// <summary>One stream as this process knows it.</summary>
    private sealed class Known(AggregateId aggregate)
    {
        public AggregateId Aggregate { get; } = aggregate;

        public long Reached { get; set; }

        public IReadOnlyList<RecordedEvent<JsonElement>>? Events { get; set; }

        public object? Entity { get; set; }

        /// <summary>What the stream counts against the capacity.</summary>
        public int Weight => Math.Max(1, Events?.Count ?? 0);
    }
}
