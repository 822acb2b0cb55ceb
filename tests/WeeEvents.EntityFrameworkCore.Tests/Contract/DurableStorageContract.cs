using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>
/// The event store contract plus what only the durable storage offers — units of work, the inbox, the
/// outbox, idempotency keys and schema creation — run against each database.
/// </summary>
public abstract partial class DurableStorageContract : EventStoreContract
{
    private readonly List<WeeEventsStorage> _opened = [];
    private TestDatabase? _database;

    /// <summary>A new, uniquely named database (which may not exist yet: the storage creates it).</summary>
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    protected static readonly ItemMapper Mapper = new();

    /// <summary>Another instance of the service on the test's database: its own pool and outbox claimer.</summary>
    protected async Task<WeeEventsStorage> OpenAsync(TimeProvider? time = null, bool ensureSchema = true, Action<StorageOptions>? configure = null, IEnumerable<ProjectionDescription>? projections = null)
    {
        _database ??= await CreateDatabaseAsync();
        var storage = WeeEventsStorage.Create(_database.Provider, _database.ConnectionString, configure, [Mapper], time, projections);
        _opened.Add(storage);
        if (ensureSchema)
        {
            await storage.EnsureSchemaAsync(Ct);
        }

        return storage;
    }

    protected override async Task<IEventStore> CreateStoreAsync() => (await OpenAsync()).Events;

    public override async ValueTask DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static async Task<long> PendingAsync(WeeEventsStorage storage) => await storage.Outbox.CountPendingAsync(Ct);
}
