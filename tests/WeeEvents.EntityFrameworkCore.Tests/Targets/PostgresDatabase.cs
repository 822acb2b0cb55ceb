using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Tests.Targets;

/// <summary>
/// A database on the PostgreSQL server of <c>POSTGRES_CONNECTION</c> (a login allowed to create databases).
/// The test command always sets it, so a missing variable fails the test rather than skipping it.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    public const string Variable = "POSTGRES_CONNECTION";

    private readonly string _server;
    private readonly string _name;

    private PostgresDatabase(string server, string name, string connectionString)
        : base(DatabaseProvider.Postgres, connectionString)
    {
        _server = server;
        _name = name;
    }

    public static string ServerConnection() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: PostgreSQL tests need a server (scripts/test.sh starts one and sets it, e.g. Host=127.0.0.1;Username=...;Password=...).");

    /// <summary>Names a database that does not exist yet: the storage creates it (and may race to).</summary>
    public static PostgresDatabase Create()
    {
        var server = ServerConnection();
        var name = UniqueName();
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresDatabase(server, name, builder.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
