using BenchmarkDotNet.Attributes;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>What one command costs the store: one event appended at the expected revision (the stream grows during the run; the revision check is an index seek either way).</summary>
[MemoryDiagnoser]
public class CommandPathBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private WeeEventsStorage _storage = null!;
    private AggregateId _aggregate;
    private long _revision;
    private int _n;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = new BenchmarkDatabase(Provider);
        _storage = WeeEventsStorage.Create(Provider, _database.ConnectionString);
        await _storage.EnsureSchemaAsync();
        _aggregate = new AggregateId("order", Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _storage.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>One event at the expected revision (the store checks it, then inserts).</summary>
    [Benchmark]
    public async Task AppendOne()
    {
        await _storage.Events.AppendAsync(_aggregate, [SampleEvents.LineAdded(++_n)], new AppendOptions { ExpectedRevision = new Revision(_revision), Metadata = SampleEvents.Metadata });
        _revision++;
    }

    /// <summary>
    /// One event at a revision the caller has just loaded, as a service appends (<see cref="AppendOptions.ExpectedRevisionWasRead"/>):
    /// no revision read, only the insert; the unique index still catches a concurrent writer.
    /// </summary>
    [Benchmark]
    public async Task AppendOneAtLoadedRevision()
    {
        await _storage.Events.AppendAsync(
            _aggregate,
            [SampleEvents.LineAdded(++_n)],
            new AppendOptions { ExpectedRevision = new Revision(_revision), Metadata = SampleEvents.Metadata, ExpectedRevisionWasRead = true });
        _revision++;
    }
}
