using BenchmarkDotNet.Attributes;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Messaging;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>
/// What one consumed message costs the store, the way a WeeEvents consumer runs it: a unit of work with its inbox
/// row, the aggregate read to check it and read again to run the command (one query: a unit reads an aggregate once),
/// one event appended at the loaded revision, and one commit of inbox row + event. Each message starts a new aggregate
/// (as an order's first message does), so the figure does not drift as streams grow during the run.
/// <see cref="HandleFirstDelivery"/> is the same for a message's first delivery (inbox row staged without a lookup);
/// <see cref="HandleNextMessage"/> is a message for one of 100 aggregates this process committed before, whose stream
/// the unit reads from memory.
/// </summary>
[MemoryDiagnoser]
public class ConsumerPathBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private WeeEventsStorage _storage = null!;
    private readonly string _run = Guid.NewGuid().ToString("N");
    private int _n;
    private AggregateId[] _known = [];

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = new BenchmarkDatabase(Provider);
        _storage = WeeEventsStorage.Create(Provider, _database.ConnectionString);
        await _storage.EnsureSchemaAsync();
        _known = [.. Enumerable.Range(0, 100).Select(i => new AggregateId("order", $"{_run}-known-{i}"))];
        foreach (var aggregate in _known)
        {
            await HandleAsync(aggregate, lookUpInbox: false);
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _storage.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Inbox check, two loads of one aggregate, one append, one commit.</summary>
    [Benchmark(Baseline = true)]
    public Task HandleMessage() => HandleAsync(new AggregateId("order", $"{_run}-{++_n}"), lookUpInbox: true);

    /// <summary>As <see cref="HandleMessage"/>, for a first delivery: no inbox lookup.</summary>
    [Benchmark]
    public Task HandleFirstDelivery() => HandleAsync(new AggregateId("order", $"{_run}-{++_n}"), lookUpInbox: false);

    /// <summary>A first delivery for an aggregate this process committed before: its stream is read from memory.</summary>
    [Benchmark]
    public Task HandleNextMessage() => HandleAsync(_known[++_n % _known.Length], lookUpInbox: false);

    private async Task HandleAsync(AggregateId aggregate, bool lookUpInbox)
    {
        await using var unit = await _storage.UnitsOfWork.BeginAsync(CancellationToken.None);
        if (lookUpInbox)
        {
            await unit.TryRecordHandledAsync("benchmark", Guid.CreateVersion7(), CancellationToken.None);
        }
        else
        {
            // The route processor's path for a first delivery (internal to the storage and the messaging package).
            ((EfUnitOfWork)unit).RecordHandledWithoutLookup("benchmark", Guid.CreateVersion7());
        }

        await unit.Events.LoadAsync(aggregate);
        var events = await unit.Events.LoadAsync(aggregate);
        await unit.Events.AppendAsync(
            aggregate,
            [SampleEvents.LineAdded(_n)],
            new AppendOptions { ExpectedRevision = events.Count == 0 ? Revision.Initial : events[^1].Revision, Metadata = SampleEvents.Metadata });
        await unit.CommitAsync(CancellationToken.None);
    }
}
