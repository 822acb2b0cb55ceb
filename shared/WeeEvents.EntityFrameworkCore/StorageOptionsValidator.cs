using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Refuses a missing or malformed provider or connection string, naming the configuration key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        DatabaseProvider? provider = null;
        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            failures.Add($"{StorageOptions.ProviderKey} is missing; set it to SqlServer, Postgres or Sqlite.");
        }
        else if (Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(options.Provider, out _))
        {
            provider = p;
        }
        else
        {
            failures.Add($"{StorageOptions.ProviderKey} is '{options.Provider}'; set it to SqlServer, Postgres or Sqlite.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{StorageOptions.ConnectionStringKey} is missing; set it to the database's connection string.");
        }
        else if (provider is { } known && Malformed(known, options.ConnectionString) is { } problem)
        {
            failures.Add($"{StorageOptions.ConnectionStringKey} is not a valid {known} connection string: {problem}");
        }

        if (options.OutboxLease <= TimeSpan.Zero)
        {
            failures.Add($"{StorageOptions.SectionKey}:OutboxLease must be positive.");
        }

        if (options.OutboxRetention < TimeSpan.Zero)
        {
            failures.Add($"{StorageOptions.SectionKey}:OutboxRetention must be zero (purge once dispatched) or more.");
        }

        if (options.StreamMemory < 0)
        {
            failures.Add($"{StorageOptions.SectionKey}:StreamMemory must be zero (off) or more.");
        }

        if (options.StreamCacheEvents is not null)
        {
            failures.Add($"{StorageOptions.SectionKey}:StreamCacheEvents was renamed: set {StorageOptions.SectionKey}:StreamMemory instead (the events of streams kept in memory; 0 turns it off).");
        }

        if (options.StreamTurnWait < TimeSpan.Zero || options.StreamTurnWaitWhileHolding < TimeSpan.Zero)
        {
            failures.Add($"{StorageOptions.SectionKey}:StreamTurnWait and StreamTurnWaitWhileHolding must be zero (no waiting) or more.");
        }

        if (options.StreamTurns < 1)
        {
            failures.Add($"{StorageOptions.SectionKey}:StreamTurns must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Malformed(DatabaseProvider provider, string connectionString)
    {
        try
        {
            DbConnectionStringBuilder builder = provider switch
            {
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString),
                DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(connectionString),
                _ => new SqliteConnectionStringBuilder(connectionString),
            };
            return builder.Count == 0 ? "it sets nothing." : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}
