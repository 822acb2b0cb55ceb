using System.Text.Json;

namespace WeeEvents.Tests;

/// <summary>An event store that keeps neither entities nor snapshots: every load folds from the first event.</summary>
internal sealed class EventsOnly(IEventStore inner) : IEventStore
{
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(aggregate, events, options, cancellationToken);

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(aggregate, options, cancellationToken);
}

/// <summary>The events of one store with the entities another kept: what a kept entity meets when its stream changed behind it.</summary>
internal sealed class Remembering(IEventStore inner, IEntityMemory memory) : IEventStore, IEntityMemory
{
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(aggregate, events, options, cancellationToken);

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(aggregate, options, cancellationToken);

    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) => memory.Find(loader, aggregate);

    public void Keep<TState>(KeptEntity<TState> kept) => memory.Keep(kept);
}
