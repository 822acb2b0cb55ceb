using Microsoft.Data.Sqlite;
using Npgsql;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.Storage.Benchmarks;

/// <summary>A fresh database for one benchmark run: a temporary SQLite file, or a new database on POSTGRES_CONNECTION's server.</summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _name = $"weeevents_bench_{Guid.NewGuid():N}";
    private readonly string? _server;

    public BenchmarkDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), _name + ".db")}";
                break;
            case DatabaseProvider.Postgres:
                _server = Environment.GetEnvironmentVariable("POSTGRES_CONNECTION") is { Length: > 0 } server
                    ? server
                    : throw new InvalidOperationException("POSTGRES_CONNECTION is not set: the PostgreSQL benchmarks need a server.");
                ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
                break;
            default:
                throw new NotSupportedException($"No benchmark database for {provider}.");
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
