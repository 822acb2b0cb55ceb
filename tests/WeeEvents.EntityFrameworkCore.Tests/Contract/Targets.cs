using WeeEvents.EntityFrameworkCore.Tests.Targets;

namespace WeeEvents.EntityFrameworkCore.Tests.Contract;

/// <summary>The core's in-memory store: the reference the durable stores must match.</summary>
public sealed class InMemoryEventStoreContract : EventStoreContract
{
    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(new InMemoryEventStore());
}

/// <summary>SQLite in a temporary file.</summary>
public sealed class SqliteStorageContract : DurableStorageContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(SqliteDatabase.Create());
}

/// <summary>The PostgreSQL server of POSTGRES_CONNECTION (required: a missing variable fails these tests).</summary>
public sealed class PostgresStorageContract : DurableStorageContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(PostgresDatabase.Create());
}

/// <summary>SQL Server from MSSQL_CONNECTION or Testcontainers; skipped, naming the variable, when neither is there.</summary>
public sealed class SqlServerStorageContract : DurableStorageContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqlServerDatabase.CreateAsync();
}
