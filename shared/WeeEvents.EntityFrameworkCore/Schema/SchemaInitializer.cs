using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Schema;

/// <summary>
/// Creates the schema when absent and brings an older one up to <see cref="CurrentVersion"/>. Every step
/// runs in one transaction under a database-wide lock (PostgreSQL advisory lock, SQL Server application
/// lock, SQLite's write lock), so instances starting together neither fail nor create twice; the
/// <c>schema_version</c> table records each version applied.
/// </summary>
public sealed partial class SchemaInitializer(
    IDbContextFactory<WeeEventsDbContext> contexts,
    TimeProvider? timeProvider = null,
    ILogger<SchemaInitializer>? logger = null)
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<SchemaInitializer>.Instance;

    /// <summary>
    /// The steps from one version to the next, by the version they produce. Version 1 is the model as
    /// created by EF Core; a later change adds its step here (and raises <see cref="CurrentVersion"/>).
    /// </summary>
    private static readonly Dictionary<int, Func<WeeEventsDbContext, CancellationToken, Task>> Migrations =
        new Dictionary<int, Func<WeeEventsDbContext, CancellationToken, Task>>();

    /// <summary>Creates the database and schema if absent, migrates an older schema; returns the version found before.</summary>
    public async Task<int> EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureDatabaseAsync(db, cancellationToken);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ProviderLocks.AcquireAsync(db, ProviderLocks.SchemaLock, ct);
            var found = await CurrentVersionAsync(db, ct);
            if (found > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The database's schema is at version {found}, newer than this code's {CurrentVersion}: deploy the newer code.");
            }

            if (found == 0)
            {
                await CreateTablesAsync(db, ct);
                await RecordAsync(db, CurrentVersion, ct);
                LogCreated(CurrentVersion);
            }

            for (var version = found + 1; found > 0 && version <= CurrentVersion; version++)
            {
                await Migrations[version](db, ct);
                await RecordAsync(db, version, ct);
                LogMigrated(version);
            }

            await transaction.CommitAsync(ct);
            return found;
        }, cancellationToken);
    }

    /// <summary>The schema version of the database: 0 when it has no WeeEvents schema.</summary>
    public async Task<int> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CurrentVersionAsync(db, cancellationToken);
    }

    private static async Task EnsureDatabaseAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (db.Database.IsSqlite() || await creator.ExistsAsync(cancellationToken))
        {
            // SQLite creates its file on first open.
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another instance may have created it first; if not, this is the real error.
            if (!await creator.ExistsAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    // The DDL EF Core's creator would run, run here inside our transaction and under our lock.
    private static async Task CreateTablesAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
        }
    }

    private static async Task<int> CurrentVersionAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database.SqlQueryRaw<int>(TableExistsSql(db)).SingleAsync(cancellationToken) > 0;
        return exists ? await db.SchemaVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0 : 0;
    }

    // Each provider's catalogue, asked about the version table in the connection's default schema.
    private static string TableExistsSql(WeeEventsDbContext db) =>
        db.Database.IsNpgsql() ? "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END AS \"Value\""
        : db.Database.IsSqlServer() ? "SELECT CASE WHEN OBJECT_ID(N'schema_version', N'U') IS NULL THEN 0 ELSE 1 END AS [Value]"
        : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    private async Task RecordAsync(WeeEventsDbContext db, int version, CancellationToken cancellationToken)
    {
        db.SchemaVersions.Add(new SchemaVersionRow { Version = version, AppliedAt = StoreClock.Now(_time) });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the WeeEvents schema at version {Version}")]
    private partial void LogCreated(int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated the WeeEvents schema to version {Version}")]
    private partial void LogMigrated(int version);
}
