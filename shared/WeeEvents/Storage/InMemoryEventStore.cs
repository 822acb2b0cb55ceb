using System.Text.Json;

namespace WeeEvents;

/// <summary>
/// A thread-safe event store in memory, for tests, samples and benchmarks. It behaves as the durable
/// stores do: it enforces the expected revision, assigns time-ordered ids, and keeps metadata as given. It keeps
/// snapshots too, written at once (its appends commit as they return), and the entity each aggregate was last folded
/// to (<see cref="IEntityMemory"/>), one per aggregate, as it keeps every event anyway.
/// </summary>
public sealed class InMemoryEventStore(TimeProvider? timeProvider = null) : IEventStore, ISnapshotStore, IEntityMemory
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<AggregateId, List<RecordedEvent<JsonElement>>> _streams = [];
    private readonly Dictionary<(AggregateId, int), SortedList<long, Snapshot>> _snapshots = [];
    private readonly Dictionary<AggregateId, object> _kept = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        AppendOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            if (!_streams.TryGetValue(aggregate, out var stream))
            {
                stream = [];
                _streams.Add(aggregate, stream);
            }

            var current = new Revision(stream.Count);
            if (!options.ExpectedRevision.IsMetBy(current))
            {
                throw new RevisionConflict(aggregate, options.ExpectedRevision.Revision!.Value, current);
            }

            var now = _time.GetUtcNow();
            var recorded = new RecordedEvent<JsonElement>[events.Count];
            var revision = current;
            for (var i = 0; i < events.Count; i++)
            {
                revision = revision.Next();
                var e = events[i];
                // Clone so that the store owns its copy, as a database would.
                recorded[i] = new RecordedEvent<JsonElement>(
                    aggregate, Guid.CreateVersion7(now), revision, e.Type, e.SchemaVersion, now, e.Data.Clone(), options.Metadata);
            }

            stream.AddRange(recorded);
            return Task.FromResult<IReadOnlyList<RecordedEvent<JsonElement>>>(recorded);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate,
        LoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_streams.TryGetValue(aggregate, out var stream))
            {
                return Task.FromResult<IReadOnlyList<RecordedEvent<JsonElement>>>([]);
            }

            var from = (int)Math.Min(options?.AfterRevision?.Value ?? 0, stream.Count);
            var to = (int)Math.Min(options?.UpToRevision?.Value ?? stream.Count, stream.Count);
            return Task.FromResult<IReadOnlyList<RecordedEvent<JsonElement>>>(to <= from ? [] : stream.GetRange(from, to - from).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_snapshots.TryGetValue((aggregate, stateVersion), out var kept))
            {
                for (var i = kept.Count - 1; i >= 0; i--)
                {
                    if (kept.Keys[i] <= upTo.Value)
                    {
                        return Task.FromResult<Snapshot?>(kept.Values[i]);
                    }
                }
            }

            return Task.FromResult<Snapshot?>(null);
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        Offer(snapshot);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Offer(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue((snapshot.Aggregate, snapshot.StateVersion), out var kept))
            {
                _snapshots[(snapshot.Aggregate, snapshot.StateVersion)] = kept = [];
            }

            // Clone so that the store owns its copy, as a database would; one already kept at the revision stays.
            kept.TryAdd(snapshot.Revision.Value, snapshot with { State = snapshot.State.Clone() });
        }
    }

    /// <inheritdoc />
    public KeptEntity<TState>? Find<TState>(LoaderDescription<TState> loader, AggregateId aggregate)
    {
        lock (_gate)
        {
            return KeptEntity<TState>.For(_kept.GetValueOrDefault(aggregate), loader);
        }
    }

    /// <inheritdoc />
    public void Keep<TState>(KeptEntity<TState> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        lock (_gate)
        {
            _kept[kept.Entity.Aggregate] = kept;
        }
    }
}
