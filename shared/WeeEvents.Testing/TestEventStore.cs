using System.Collections.Concurrent;
using System.Text.Json;

namespace WeeEvents.Testing;

/// <summary>
/// An event store for tests that watches and steers what reaches it: it counts reads and appends, runs
/// <see cref="AfterAppend"/> after each append (to publish what was recorded, as an outbox relay would, or to let
/// another writer race in), and fails the aggregates a test names. Everything else is the inner store's
/// (an <see cref="InMemoryEventStore"/> unless given), snapshots included when the inner store keeps them. It keeps no
/// entities (it is no <see cref="IEntityMemory"/>), so every load reaches it and starts from a snapshot or the first event.
/// </summary>
/// <param name="inner">The store that keeps the events.</param>
public sealed class TestEventStore(IEventStore? inner = null) : IEventStore, ISnapshotStore
{
    private readonly IEventStore _inner = inner ?? new InMemoryEventStore();
    private readonly ConcurrentDictionary<string, Func<Exception>> _faults = new(StringComparer.Ordinal);
    private int _appends;
    private int _reads;

    /// <summary>How many appends reached the store.</summary>
    public int Appends => Volatile.Read(ref _appends);

    /// <summary>How many loads reached the store.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Runs after each append that recorded, with the events as recorded.</summary>
    public Func<IReadOnlyList<RecordedEvent<JsonElement>>, Task>? AfterAppend { get; set; }

    /// <summary>
    /// Appends to the aggregate with <paramref name="key"/> throw what <paramref name="fault"/> makes; loads too when it
    /// is an <see cref="InvalidOperationException"/> (a broken database).
    /// </summary>
    public void Fail(string key, Func<Exception> fault) => _faults[key] = fault;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appends);
        if (_faults.TryGetValue(aggregate.Key, out var fault))
        {
            throw fault();
        }

        var recorded = await _inner.AppendAsync(aggregate, events, options, cancellationToken);
        if (recorded.Count > 0 && AfterAppend is { } after)
        {
            await after(recorded);
        }

        return recorded;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return _faults.TryGetValue(aggregate.Key, out var fault) && fault() is InvalidOperationException e
            ? throw e
            : _inner.LoadAsync(aggregate, options, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Snapshot?> LatestAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken = default) =>
        _inner is ISnapshotStore snapshots ? snapshots.LatestAsync(aggregate, stateVersion, upTo, cancellationToken) : Task.FromResult<Snapshot?>(null);

    /// <inheritdoc />
    public Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default) =>
        _inner is ISnapshotStore snapshots ? snapshots.SaveAsync(snapshot, cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public void Offer(Snapshot snapshot) => (_inner as ISnapshotStore)?.Offer(snapshot);
}
