using System.Text.Json;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>An in-memory store that hands every appended event's contract to the bus, as the outbox relay would.</summary>
internal sealed class PublishingStore(Func<RecordedEvent<JsonElement>, object?> toContract, Action<object> publish) : IEventStore
{
    private readonly InMemoryEventStore _inner = new();

    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
    {
        var recorded = await _inner.AppendAsync(aggregate, events, options, cancellationToken);
        foreach (var contract in recorded.Select(toContract).OfType<object>())
        {
            publish(contract);
        }

        return recorded;
    }

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.LoadAsync(aggregate, options, cancellationToken);
}
