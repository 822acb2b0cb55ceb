using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>
/// A service database on the EF Core storage: a SQLite file, or a PostgreSQL database of its own on the server at
/// <c>POSTGRES_CONNECTION</c> (created by the storage at start-up, dropped here). Outlives the hosts that use it.
/// </summary>
public sealed class EfTestStorage : ITestStorage, IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    private EfTestStorage(string provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresDatabase = postgresDatabase;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [StorageOptions.ProviderKey] = Provider,
        [StorageOptions.ConnectionStringKey] = ConnectionString,
    };

    public static EfTestStorage Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"weeevents-mt-{Guid.NewGuid():N}.db");
        return new EfTestStorage("Sqlite", new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file, null, null);
    }

    /// <summary>PostgreSQL when <c>POSTGRES_CONNECTION</c> is set; a SQLite file otherwise.</summary>
    public static EfTestStorage PostgresOrSqlite()
    {
        var admin = Environment.GetEnvironmentVariable("POSTGRES_CONNECTION");
        if (string.IsNullOrWhiteSpace(admin))
        {
            return Sqlite();
        }

        var database = $"weeevents_mt_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
        return new EfTestStorage("Postgres", connection, null, admin, database);
    }

    public void Register(IServiceCollection services, string instance) =>
        services.AddWeeEventsStorage(o =>
        {
            o.Provider = Provider;
            o.ConnectionString = ConnectionString;
        });

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
