using System.Text.Json;
using WeeEvents.EntityFrameworkCore.Internal;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The event store seen from inside a unit of work: appends are staged in it, loads include them. Snapshots are read
/// from the database; those offered or saved are written after the unit commits, since they may fold its staged events.
/// Entities its loaders fold are kept for the unit at once and for the stream session when the unit commits.
/// </summary>
internal sealed class UnitOfWorkEventStore(EfUnitOfWork unit, UnitStreams streams) : IEventStore, ISnapshotStore, IEntityMemory
{
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
        unit.AppendAsync(aggregate, events, options, cancellationToken);

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        unit.LoadAsync(aggregate, options, cancellationToken);

    public Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default) =>
        unit.LatestSnapshotAsync(aggregate, stateVersion, upTo, cancellationToken);

    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        unit.OfferSnapshot(snapshot);
        return Task.CompletedTask;
    }

    public void Offer(Snapshot snapshot) => unit.OfferSnapshot(snapshot);

    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) => streams.Find(loader, aggregate);

    public void Keep<TState>(KeptEntity<TState> kept) => streams.Keep(kept);
}
