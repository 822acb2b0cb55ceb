namespace WeeEvents;

/// <summary>
/// An event store's memory of entities as last folded in this process, beside whatever else it keeps of its streams,
/// so that loading one again folds only the events recorded since: a SKU hit by every order would otherwise replay its
/// whole stream for each one. The store owns it, sizes it and forgets an entity whenever it forgets what it knows of the
/// stream (a lost race, a forgotten customer). A kept entity is only where a load may start, never an answer: the loader
/// resumes from it only while the stream still holds, at its revision, the very event it was folded up to. A store that
/// does not implement it has every load start from a snapshot or the first event.
/// </summary>
public interface IEntityMemory
{
    /// <summary>The entity <paramref name="loader"/> last folded of <paramref name="aggregate"/>; null when none is kept.</summary>
    KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate);

    /// <summary>Keeps <paramref name="kept"/> in place of whatever was kept of its aggregate before.</summary>
    void Keep<TState>(KeptEntity<TState> kept);
}

/// <summary>An entity as <paramref name="Loader"/> folded it, up to the event <paramref name="LastEventId"/>. States are immutable, so it can be shared.</summary>
/// <param name="Loader">The loader that folded it: another loader of the same aggregate type does not resume from it.</param>
/// <param name="Entity">The entity.</param>
/// <param name="LastEventId">The id of the event at <see cref="Entity{TState}.Revision"/>.</param>
public sealed record KeptEntity<TState>(LoaderDescription<TState> Loader, Entity<TState> Entity, Guid LastEventId)
{
    /// <summary>
    /// <paramref name="kept"/> (as a store holds entities of every state type) when <paramref name="loader"/> folded it;
    /// null otherwise.
    /// </summary>
    public static KeptEntity<TState>? For(object? kept, LoaderDescription<TState> loader) =>
        kept is KeptEntity<TState> entity && ReferenceEquals(entity.Loader, loader) ? entity : null;
}
