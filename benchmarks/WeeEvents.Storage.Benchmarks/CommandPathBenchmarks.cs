using BenchmarkDotNet.Attributes;
using FluentValidation;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>
/// What one command costs the store: one event appended at the expected revision (the stream grows during the run; the
/// revision check is an index seek either way). The store decides whether to read the stream's revision first: not for
/// a stream this process knows up to that revision, yes for one another process wrote.
/// </summary>
[MemoryDiagnoser]
public class CommandPathBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private WeeEventsStorage _storage = null!;
    private WeeEventsStorage _otherProcess = null!;
    private AggregateId _shared;
    private long _sharedRevision;
    private AggregateId _aggregate;
    private long _revision;
    private int _n;
    private IService<int> _readFirst = null!;
    private IService<int> _takenAsNew = null!;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = new BenchmarkDatabase(Provider);
        _storage = WeeEventsStorage.Create(Provider, _database.ConnectionString);
        _otherProcess = WeeEventsStorage.Create(Provider, _database.ConnectionString);
        await _storage.EnsureSchemaAsync();
        _aggregate = new AggregateId("order", Guid.NewGuid().ToString("N"));
        _shared = new AggregateId("order", Guid.NewGuid().ToString("N"));
        _readFirst = Tally(startsStream: false).CreateService(_storage.Events);
        _takenAsNew = Tally(startsStream: true).CreateService(_storage.Events);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _storage.DisposeAsync();
        await _otherProcess.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// One event at the revision this process's last append reached: the store knows the stream that far, so the insert
    /// alone (the unique index still catches a concurrent writer).
    /// </summary>
    [Benchmark]
    public async Task AppendOne()
    {
        await _storage.Events.AppendAsync(_aggregate, [SampleEvents.LineAdded(++_n)], new AppendOptions { ExpectedRevision = new Revision(_revision), Metadata = SampleEvents.Metadata });
        _revision++;
    }

    /// <summary>
    /// One event to a stream two processes take turns to append to: each append follows one its process did not make,
    /// so the store reads the stream's revision, then inserts.
    /// </summary>
    [Benchmark]
    public async Task AppendOneAfterAnotherWriter()
    {
        var writer = _sharedRevision % 2 == 0 ? _storage : _otherProcess;
        await writer.Events.AppendAsync(_shared, [SampleEvents.LineAdded(++_n)], new AppendOptions { ExpectedRevision = new Revision(_sharedRevision), Metadata = SampleEvents.Metadata });
        _sharedRevision++;
    }

    /// <summary>A command that starts a new stream, registered without <c>startsStream</c>: the stream is read (and found empty), then appended to.</summary>
    [Benchmark]
    public Task StartStreamReadFirst() => _readFirst.ExecuteAsync(Open, new AggregateId("tally", Guid.NewGuid().ToString("N")), 1, Callers.AsService);

    /// <summary>The same command registered with <c>startsStream: true</c>: the stream is taken as new and only appended to.</summary>
    [Benchmark]
    public Task StartStreamTakenAsNew() => _takenAsNew.ExecuteAsync(Open, new AggregateId("tally", Guid.NewGuid().ToString("N")), 1, Callers.AsService);

    private const string Open = "open";

    // The smallest service that starts a stream: "open" records "opened" with a number.
    private static ServiceDescription<int> Tally(bool startsStream)
    {
        var loader = LoaderDescription.FromInitializer(() => 0).Reducer<int>("opened", (_, e) => e.Data).Description();
        var validator = new InlineValidator<int>();
        var dispatcher = DispatcherDescription.For<int>();
        CommandHandler<int, int> open = (publisher, _, command, _) =>
        {
            publisher.Publish("opened", command);
            return Task.CompletedTask;
        };
        dispatcher = startsStream ? dispatcher.Command(Open, validator, open, CommandAccess.Authenticated, startsStream: true) : dispatcher.Command(Open, validator, open, CommandAccess.Authenticated);
        return ServiceDescription.Create(new ServiceInfo("tally"), loader, dispatcher.Description());
    }
}
