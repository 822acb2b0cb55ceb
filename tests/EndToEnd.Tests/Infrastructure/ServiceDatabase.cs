using Microsoft.Data.Sqlite;
using Npgsql;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One service's own database: a PostgreSQL database on the server at <c>POSTGRES_CONNECTION</c> (created by the
/// service's storage at start-up, dropped here), or a SQLite file. It outlives the hosts that use it, so a service
/// can be stopped and started again on the same data.
/// </summary>
public sealed class ServiceDatabase : IAsyncDisposable
{
    private const int MaxPoolSize = 8;
    private readonly Func<ValueTask> _drop;

    private ServiceDatabase(string provider, string connectionString, Func<ValueTask> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    /// <summary>The value of <c>WeeEvents:Database:Provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The value of <c>ConnectionStrings:Events</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The configuration keys a service host reads to reach this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new(StorageOptions.ProviderKey, Provider),
        new(StorageOptions.ConnectionStringKey, ConnectionString),
    ];

    /// <summary>The server at <c>POSTGRES_CONNECTION</c>: host and port.</summary>
    public static (string Host, int Port) PostgresServer
    {
        get
        {
            var server = new NpgsqlConnectionStringBuilder(RequiredEnvironment.Get(RequiredEnvironment.PostgresConnection, "Host=127.0.0.1;Username=weeevents;Password=..."));
            return (server.Host ?? "127.0.0.1", server.Port);
        }
    }

    /// <summary>
    /// A fresh PostgreSQL database for <paramref name="service"/>; fails naming <c>POSTGRES_CONNECTION</c> when it is
    /// unset. The service reaches it through <paramref name="port"/> on the loopback (a <see cref="TcpProxy"/>) when
    /// given, with at most <paramref name="maxPoolSize"/> connections per host.
    /// </summary>
    public static ServiceDatabase Postgres(string service, int? port = null, int maxPoolSize = MaxPoolSize)
    {
        var admin = RequiredEnvironment.Get(RequiredEnvironment.PostgresConnection, "Host=127.0.0.1;Username=weeevents;Password=...");
        var database = $"weeevents_e2e_{service.ToLowerInvariant()}_{Guid.NewGuid():N}";
        // A few connections per service, as a deployment would size them: the server's 100 slots are shared.
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = maxPoolSize };
        if (port is { } through)
        {
            (builder.Host, builder.Port) = ("127.0.0.1", through);
        }

        var connectionString = builder.ToString();
        return new ServiceDatabase("Postgres", connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>A SQLite file for <paramref name="service"/> in <paramref name="directory"/>, deleted with it.</summary>
    public static ServiceDatabase Sqlite(string service, string directory)
    {
        var file = Path.Combine(directory, $"{service.ToLowerInvariant()}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        return new ServiceDatabase("Sqlite", connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Runs <paramref name="sql"/> on this PostgreSQL database behind the service's back (to break or mend it).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _drop();
}
