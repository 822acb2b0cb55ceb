using System.Collections.Concurrent;
using System.Text.Json;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>An in-memory store whose appends and loads can be made to fail for chosen aggregates.</summary>
internal sealed class ScriptedEventStore : IEventStore
{
    private readonly InMemoryEventStore _inner = new();
    private readonly ConcurrentDictionary<string, Func<Exception>> _faults = new(StringComparer.Ordinal);
    private int _appends;

    /// <summary>How many appends reached the store.</summary>
    public int Appends => Volatile.Read(ref _appends);

    /// <summary>Appends to the aggregate with <paramref name="key"/> throw what <paramref name="fault"/> makes; loads too when it is an <see cref="InvalidOperationException"/> (a broken database).</summary>
    public void Fail(string key, Func<Exception> fault) => _faults[key] = fault;

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appends);
        return _faults.TryGetValue(aggregate.Key, out var fault) ? throw fault() : _inner.AppendAsync(aggregate, events, options, cancellationToken);
    }

    public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        _faults.TryGetValue(aggregate.Key, out var fault) && fault() is InvalidOperationException e
            ? throw e
            : _inner.LoadAsync(aggregate, options, cancellationToken);
}
