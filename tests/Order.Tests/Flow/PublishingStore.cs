using System.Text.Json;
using WeeEvents.MassTransit.Outbox;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>
/// An in-memory store that hands the contract each appended event publishes (by the service's own outbox mapper) to the
/// bus, as the outbox relay would.
/// </summary>
internal sealed class PublishingStore(OutboxMapper outbound, Action<object> publish) : IEventStore
{
    private readonly InMemoryEventStore _inner = new();

    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
    {
        var recorded = await _inner.AppendAsync(aggregate, events, options, cancellationToken);
        foreach (var contract in recorded.Select(outbound.ContractFor).OfType<object>())
        {
            publish(contract);
        }

        return recorded;
    }

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.LoadAsync(aggregate, options, cancellationToken);
}
