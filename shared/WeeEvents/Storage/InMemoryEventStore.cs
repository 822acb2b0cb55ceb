using System.Text.Json;

namespace WeeEvents;

/// <summary>
/// A thread-safe event store in memory, for tests, samples and benchmarks. It behaves as the durable
/// stores do: it enforces the expected revision, assigns time-ordered ids, and keeps metadata as given.
/// </summary>
public sealed class InMemoryEventStore(TimeProvider? timeProvider = null) : IEventStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<AggregateId, List<RecordedEvent<JsonElement>>> _streams = [];
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
}
