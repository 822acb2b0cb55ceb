using BenchmarkDotNet.Attributes;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>Appending and loading a whole aggregate of 10 or 1,000 events.</summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private WeeEventsStorage _storage = null!;
    private DomainEvent[] _events = [];
    private AggregateId _loaded;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [Params(10, 1000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = new BenchmarkDatabase(Provider);
        _storage = WeeEventsStorage.Create(Provider, _database.ConnectionString);
        await _storage.EnsureSchemaAsync();
        _events = [.. Enumerable.Range(1, Events).Select(SampleEvents.LineAdded)];
        _loaded = new AggregateId("order", "loaded");
        await _storage.Events.AppendAsync(_loaded, _events, new AppendOptions { ExpectedRevision = Revision.Initial, Metadata = SampleEvents.Metadata });
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _storage.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Records the whole stream of a new aggregate in one append.</summary>
    [Benchmark]
    public Task Append() =>
        _storage.Events.AppendAsync(new AggregateId("order", Guid.NewGuid().ToString("N")), _events, new AppendOptions { ExpectedRevision = Revision.Initial, Metadata = SampleEvents.Metadata });

    /// <summary>Reads the whole stream back, as a command's load does.</summary>
    [Benchmark]
    public Task Load() => _storage.Events.LoadAsync(_loaded);
}
