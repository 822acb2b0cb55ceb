using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace WeeEvents.EntityFrameworkCore.Tests.Targets;

/// <summary>
/// A database on the SQL Server of <c>MSSQL_CONNECTION</c>, or else in a Testcontainers SQL Server when a
/// Docker engine answers; otherwise the test is skipped with a reason naming the variable.
/// </summary>
public sealed class SqlServerDatabase : TestDatabase
{
    public const string Variable = "MSSQL_CONNECTION";

    private static readonly Lazy<Task<string?>> Server = new(FindServerAsync);
    private static string? _unavailable;

    private readonly string _server;
    private readonly string _name;

    private SqlServerDatabase(string server, string name, string connectionString)
        : base(DatabaseProvider.SqlServer, connectionString)
    {
        _server = server;
        _name = name;
    }

    public static async Task<SqlServerDatabase> CreateAsync()
    {
        var server = await Server.Value;
        Assert.SkipWhen(server is null, $"No SQL Server: set {Variable} to a SQL Server connection string, or run where a Docker engine answers ({_unavailable}).");
        var name = UniqueName();
        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name, TrustServerCertificate = true };
        return new SqlServerDatabase(server!, name, builder.ConnectionString);
    }

    private static async Task<string?> FindServerAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } explicitServer)
        {
            return explicitServer;
        }

        try
        {
            var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await container.StartAsync();
            // Left running for the test run; Testcontainers' reaper removes it when the process ends.
            return container.GetConnectionString();
        }
        catch (Exception e) when (e is DockerUnavailableException or InvalidOperationException or TimeoutException)
        {
            _unavailable = e.GetType().Name + ": " + e.Message.Split('\n')[0].Trim();
            return null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master", TrustServerCertificate = true }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"IF DB_ID(N'{_name}') IS NOT NULL BEGIN ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]; END";
        await drop.ExecuteNonQueryAsync();
    }
}
