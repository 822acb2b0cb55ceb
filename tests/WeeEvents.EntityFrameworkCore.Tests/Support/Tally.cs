using System.Text.Json;
using FluentValidation;

namespace WeeEvents.EntityFrameworkCore.Tests.Support;

/// <summary>A counter aggregate for the snapshot contract: each <c>counted</c> event adds its number.</summary>
/// <param name="Count">Events folded.</param>
/// <param name="Sum">Their numbers, summed: a fold that skipped or repeated one would show here.</param>
public sealed record Tally(int Count, long Sum)
{
    public const string Counted = "counted";
    public const string Count_ = "count";

    public sealed record CountedData(int I);

    public sealed record CountCommand(int From, int Events);

    private static readonly LoaderDescriptionBuilder<Tally> Builder = LoaderDescription
        .FromInitializer(() => new Tally(0, 0))
        .Reducer<CountedData>(Counted, (s, e) => new Tally(s.Count + 1, s.Sum + e.Data.I));

    /// <summary>The loader without snapshots: the full fold every test compares with.</summary>
    public static readonly LoaderDescription<Tally> Plain = Builder.Description();

    /// <summary>The loader with a snapshot every <paramref name="every"/> events, of state version <paramref name="version"/>.</summary>
    public static LoaderDescription<Tally> Snapshotted(int every = 10, int version = 2) => Builder.Snapshots(every, version).Description();

    /// <summary>A service over <paramref name="loader"/> whose <c>count</c> command records <c>Events</c> events numbered from <c>From</c>.</summary>
    public static ServiceDescription<Tally> Service(LoaderDescription<Tally> loader) => ServiceDescription.Create(
        new ServiceInfo("tally"),
        loader,
        DispatcherDescription.For<Tally>()
            .Command<CountCommand>(Count_, new InlineValidator<CountCommand>(), (publisher, _, command, _) =>
            {
                for (var i = 0; i < command.Events; i++)
                {
                    publisher.Publish(Counted, new CountedData(command.From + i));
                }

                return Task.CompletedTask;
            }, CommandAccess.Authenticated)
            .Description());

    public static DomainEvent Event(int i) => DomainEvent.Create(Counted, new CountedData(i));

    public static string Json(Tally tally) => JsonSerializer.Serialize(tally, WeeEventsJson.Options);
}

/// <summary>An event store that counts the events its loads return, and forwards snapshots and kept entities.</summary>
public sealed class CountingStore(IEventStore inner) : IEventStore, ISnapshotStore, IEntityMemory
{
    private int _read;

    public int EventsRead => Volatile.Read(ref _read);

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(aggregate, events, options, cancellationToken);

    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var events = await inner.LoadAsync(aggregate, options, cancellationToken);
        Interlocked.Add(ref _read, events.Count);
        return events;
    }

    public Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default) =>
        ((ISnapshotStore)inner).LatestAsync(aggregate, stateVersion, upTo, cancellationToken);

    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => ((ISnapshotStore)inner).SaveAsync(snapshot, cancellationToken);

    public void Offer(Snapshot snapshot) => ((ISnapshotStore)inner).Offer(snapshot);

    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate) => (inner as IEntityMemory)?.Find(loader, aggregate);

    public void Keep<TState>(KeptEntity<TState> kept) => (inner as IEntityMemory)?.Keep(kept);
}
