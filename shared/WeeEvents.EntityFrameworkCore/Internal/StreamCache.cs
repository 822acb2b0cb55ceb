using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// The streams this process committed last, whole or from the revision their readers need on (a service that folds from
/// a snapshot or a kept entity reads only the tail), so the next message for the same aggregate (the order hearing
/// its payment, the SKU its next reservation) reads no rows. Only what a commit wrote is put in, after the commit
/// returns. A stream another process appended to since is stale here: the unit of work that reads it appends at the
/// old revision, the unique stream index refuses the commit (a <see cref="RevisionConflict"/>), the entry is dropped,
/// and the retry reads the database. Bounded by events held (<see cref="StorageOptions.StreamCacheEvents"/>): each
/// stream counts once, with the events it has now; the streams written longest ago go first. Part of the
/// <see cref="StreamSession"/>: units of work read through it; <see cref="EfEventStore"/> reads do not, so HTTP reads
/// always see the database.
/// </summary>
/// <param name="capacity">The most events held; zero turns the cache off.</param>
internal sealed class StreamCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AggregateId, LinkedListNode<Entry>> _streams = [];
    // Oldest write first. A stream written again moves to the end, so a hot stream (a popular SKU) stays however long
    // it grows, and a replaced list is let go at once instead of waiting in line for the GC to copy.
    private readonly LinkedList<Entry> _age = new();
    private long _held;

    /// <summary>Whether anything is kept (a capacity of zero turns the cache off).</summary>
    public bool Enabled => capacity > 0;

    /// <summary>How many events the cache holds now, over every stream.</summary>
    public long EventsHeld
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
    public IReadOnlyList<RecordedEvent<JsonElement>>? Find(AggregateId aggregate)
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

    /// <summary>Keeps <paramref name="events"/> as the end of the stream of <paramref name="aggregate"/>, just committed.</summary>
    public void Put(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!Enabled || events.Count == 0 || events.Count > capacity)
        {
            Drop(aggregate);
            return;
        }

        lock (_gate)
        {
            if (_streams.TryGetValue(aggregate, out var node))
            {
                // Two commits of one aggregate may put in either order: the later revision stays.
                if (node.Value.Events[^1].Revision > events[^1].Revision)
                {
                    return;
                }

                _held -= node.Value.Events.Count;
                _age.Remove(node);
                node.Value = new Entry(aggregate, events);
                _age.AddLast(node);
            }
            else
            {
                _streams[aggregate] = _age.AddLast(new Entry(aggregate, events));
            }

            _held += events.Count;
            while (_held > capacity && _age.First is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    /// <summary>Forgets <paramref name="aggregate"/>: it may have changed in a way this process does not know.</summary>
    public void Drop(AggregateId aggregate)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_streams.TryGetValue(aggregate, out var node))
            {
                Remove(node);
            }
        }
    }

    /// <summary>Forgets every stream: a data subject was forgotten, and what is held here holds its values in the clear.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _streams.Clear();
            _age.Clear();
            _held = 0;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _held -= node.Value.Events.Count;
        _age.Remove(node);
        _streams.Remove(node.Value.Aggregate);
    }

    private readonly record struct Entry(AggregateId Aggregate, IReadOnlyList<RecordedEvent<JsonElement>> Events);
}
