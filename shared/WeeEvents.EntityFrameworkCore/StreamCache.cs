using System.Collections.Concurrent;
using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The streams this process committed last, whole, so the next message for the same aggregate (the order hearing
/// its payment, the SKU its next reservation) reads no rows. Only what a commit wrote is put in, after the commit
/// returns. A stream another process appended to since is stale here: the unit of work that reads it appends at the
/// old revision, the unique stream index refuses the commit (a <see cref="RevisionConflict"/>), the entry is dropped,
/// and the retry reads the database. Bounded by events held (<see cref="StorageOptions.StreamCacheEvents"/>); the
/// streams written longest ago go first. Units of work read through it; <see cref="EfEventStore"/> reads do not, so
/// HTTP reads always see the database.
/// </summary>
/// <param name="capacity">The most events held; zero turns the cache off.</param>
public sealed class StreamCache(int capacity)
{
    private readonly ConcurrentDictionary<AggregateId, Entry> _streams = new();
    private readonly ConcurrentQueue<(AggregateId Aggregate, Entry Entry)> _age = new();
    private long _held;

    /// <summary>Whether anything is kept (a capacity of zero turns the cache off).</summary>
    public bool Enabled => capacity > 0;

    /// <summary>The stream as last committed by this process, or null.</summary>
    public IReadOnlyList<RecordedEvent<JsonElement>>? Find(AggregateId aggregate) =>
        Enabled && _streams.TryGetValue(aggregate, out var entry) ? entry.Events : null;

    /// <summary>Keeps <paramref name="events"/> as the whole stream of <paramref name="aggregate"/>, just committed.</summary>
    public void Put(AggregateId aggregate, IReadOnlyList<RecordedEvent<JsonElement>> events)
    {
        if (!Enabled || events.Count == 0 || events.Count > capacity)
        {
            Drop(aggregate);
            return;
        }

        var entry = new Entry(events);
        // Two commits of one aggregate may put in either order: the later revision stays.
        _streams.AddOrUpdate(aggregate, entry, (_, held) => held.Events[^1].Revision > events[^1].Revision ? held : entry);
        _age.Enqueue((aggregate, entry));
        Interlocked.Add(ref _held, events.Count);
        Trim();
    }

    /// <summary>Forgets <paramref name="aggregate"/>: it may have changed in a way this process does not know.</summary>
    public void Drop(AggregateId aggregate)
    {
        if (Enabled)
        {
            _streams.TryRemove(aggregate, out _);
        }
    }

    private void Trim()
    {
        // Every Put queues its entry, so the queue holds current and replaced entries alike; both count until dequeued.
        while (Interlocked.Read(ref _held) > capacity && _age.TryDequeue(out var oldest))
        {
            Interlocked.Add(ref _held, -oldest.Entry.Events.Count);
            _streams.TryRemove(new KeyValuePair<AggregateId, Entry>(oldest.Aggregate, oldest.Entry));
        }
    }

    private sealed record Entry(IReadOnlyList<RecordedEvent<JsonElement>> Events);
}
