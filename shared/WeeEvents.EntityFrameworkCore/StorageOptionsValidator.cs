using System.Data.Common;
using FluentValidation;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>Refuses a missing or malformed provider or connection string, naming the configuration key.</summary>
internal sealed class StorageOptionsValidator : AbstractValidator<StorageOptions>
{
    public StorageOptionsValidator()
    {
        RuleFor(o => o.Provider).NotEmpty()
            .WithMessage($"{StorageOptions.ProviderKey} is missing; set it to SqlServer, Postgres or Sqlite.")
            .DependentRules(() => RuleFor(o => o.Provider).Must(p => Known(p) is not null)
                .WithMessage(o => $"{StorageOptions.ProviderKey} is '{o.Provider}'; set it to SqlServer, Postgres or Sqlite."));
        RuleFor(o => o.ConnectionString).NotEmpty()
            .WithMessage($"{StorageOptions.ConnectionStringKey} is missing; set it to the database's connection string.")
            .DependentRules(() => RuleFor(o => o.ConnectionString).Custom((connectionString, context) =>
            {
                if (Known(context.InstanceToValidate.Provider) is { } known && Malformed(known, connectionString!) is { } problem)
                {
                    context.AddFailure($"{StorageOptions.ConnectionStringKey} is not a valid {known} connection string: {problem}");
                }
            }));
        RuleFor(o => o.OutboxLease).GreaterThan(TimeSpan.Zero)
            .WithMessage($"{StorageOptions.Section}:OutboxLease must be positive.");
        RuleFor(o => o.OutboxRetention).GreaterThanOrEqualTo(TimeSpan.Zero)
            .WithMessage($"{StorageOptions.Section}:OutboxRetention must be zero (purge once dispatched) or more.");
        RuleFor(o => o.StreamMemory).GreaterThanOrEqualTo(0)
            .WithMessage($"{StorageOptions.Section}:StreamMemory must be zero (off) or more.");
        RuleFor(o => o.StreamCacheEvents).Null()
            .WithMessage($"{StorageOptions.Section}:StreamCacheEvents was renamed: set {StorageOptions.Section}:StreamMemory instead (the events of streams kept in memory; 0 turns it off).");
        RuleFor(o => o).Must(o => o.StreamTurnWait >= TimeSpan.Zero)
            .WithMessage($"{StorageOptions.Section}:StreamTurnWait must be zero (no waiting) or more.");
        RuleFor(o => o.StreamTurns).GreaterThanOrEqualTo(1)
            .WithMessage($"{StorageOptions.Section}:StreamTurns must be at least 1.");
    }

    /// <summary>The provider <paramref name="name"/> names, by name only (not a number); null if none.</summary>
    private static DatabaseProvider? Known(string? name) =>
        !string.IsNullOrWhiteSpace(name) && Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(name, out _)
            ? p
            : null;

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
