using System.Text.Json;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>The event store seen from inside a unit of work: appends are staged in it, loads include them.</summary>
internal sealed class UnitOfWorkEventStore(EfUnitOfWork unit) : IEventStore
{
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
        unit.AppendAsync(aggregate, events, options, cancellationToken);

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        unit.LoadAsync(aggregate, options, cancellationToken);
}
