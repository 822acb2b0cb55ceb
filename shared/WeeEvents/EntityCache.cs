using System.Collections.Concurrent;

namespace WeeEvents;

/// <summary>
/// Entities as last folded in this process, so loading one again folds only the events recorded since, not the whole
/// stream: a SKU hit by every order would otherwise replay all its events for each one. An entry is used only when the
/// stream just read still holds, at the entry's revision, the very event (by id) the entry was folded up to, so a
/// stream that changed in any other way (another writer, an append that never committed, another database) is folded
/// afresh. States must be immutable, as the loader's reducers return new states. Bounded: when full it starts over.
/// </summary>
/// <param name="capacity">The most entities kept.</param>
public sealed class EntityCache(int capacity = 10_000)
{
    private readonly ConcurrentDictionary<AggregateId, Entry> _entries = new();
    private int _count; // kept alongside: ConcurrentDictionary.Count takes every lock, and this is on every load

    /// <summary>The process-wide cache services use unless <see cref="ServiceOptions.EntityCache"/> says otherwise.</summary>
    public static EntityCache Shared { get; } = new();

    /// <summary>The entity as last folded, and the id of the event it was folded up to; or null when none is kept.</summary>
    internal (Entity<TState> Entity, Guid LastEventId)? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) =>
        _entries.TryGetValue(aggregate, out var entry) && entry.Entity is Entity<TState> entity && ReferenceEquals(entry.Loader, loader)
            ? (entity, entry.LastEventId)
            : null;

    /// <summary>Keeps <paramref name="entity"/>, folded up to the event <paramref name="lastEventId"/>.</summary>
    internal void Remember<TState>(LoaderDescription<TState> loader, Entity<TState> entity, Guid lastEventId)
    {
        var entry = new Entry(entity, lastEventId, loader);
        _entries.AddOrUpdate(entity.Aggregate, _ => { Interlocked.Increment(ref _count); return entry; }, (_, _) => entry);
        if (Volatile.Read(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>
    /// Forgets every entity: a data subject was forgotten, and states folded before hold their values in the clear.
    /// Forgetting is rare, so the next loads folding afresh costs little.
    /// </summary>
    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    // Entities of every state type share the cache: the entry is checked for the caller's type and loader on the way out.
    private sealed record Entry(object Entity, Guid LastEventId, object Loader);
}
