using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
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
    public const int CurrentVersion = 3;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<SchemaInitializer>.Instance;

    /// <summary>
    /// The steps from one version to the next, by the version they produce. Version 1 is the model as
    /// created by EF Core; a later change adds its step here (and raises <see cref="CurrentVersion"/>). New tables need
    /// no step: every start creates the tables of the model that the database lacks (see <see cref="CreateMissingTablesAsync"/>).
    /// </summary>
    private static readonly Dictionary<int, Func<WeeEventsDbContext, CancellationToken, Task>> Migrations = new()
    {
        // 2: the events' commit order, which subscriptions read by (the subscription_checkpoints table is a new table).
        [2] = AddCommitOrderAsync,
        // 3: the events' correlation id in a column of its own, indexed, by which an operator finds a conversation.
        [3] = AddCorrelationColumnAsync,
    };

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

            await CreateMissingTablesAsync(db, ct);
            await CreateMissingIndexesAsync(db, ct);
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

    /// <summary>
    /// Creates the tables of the model the database lacks, with their indexes: a projection added to a service, or a
    /// table of a later version. Tables that exist are left as they are.
    /// </summary>
    private static async Task CreateMissingTablesAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            if (await db.Database.SqlQueryRaw<int>(TableExistsSql(db, table.Name)).SingleAsync(cancellationToken) == 0)
            {
                missing.Add(table.Name);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .Where(o => o switch
            {
                CreateTableOperation t => missing.Contains(t.Name),
                CreateIndexOperation i => missing.Contains(i.Table),
                _ => false,
            })
            .ToList();
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
        }
    }

    /// <summary>
    /// Creates the indexes of the model that tables already there lack: an index a later release adds to a read model
    /// (the order search's, say) reaches databases created before it. Indexes that exist are left as they are.
    /// </summary>
    private static async Task CreateMissingIndexesAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in model.GetRelationalModel().Tables.SelectMany(t => t.Indexes))
        {
            if (await db.Database.SqlQueryRaw<int>(IndexExistsSql(db, index.Table.Name, index.Name)).SingleAsync(cancellationToken) == 0)
            {
                missing.Add(index.Name);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .OfType<CreateIndexOperation>().Where(i => missing.Contains(i.Name)).ToList<MigrationOperation>();
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
        }
    }

    // Version 2: rows written before it sort by the transaction that added the column (all committed by then, as the
    // ALTER waits for every open writer), then by position.
    private static Task AddCommitOrderAsync(WeeEventsDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlRawAsync(
                "ALTER TABLE events ADD COLUMN commit_order xid8 NOT NULL DEFAULT pg_current_xact_id(); CREATE INDEX ix_events_commit_order ON events (commit_order, position);",
                cancellationToken)
            : db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlRawAsync(
                "ALTER TABLE events ADD commit_order rowversion NOT NULL; CREATE INDEX ix_events_commit_order ON events (commit_order);",
                cancellationToken)
            : Task.CompletedTask;

    // Version 3: PostgreSQL and SQLite copy each event's correlation id out of its metadata (an UPDATE leaves commit_order
    // as it was: it is the inserting transaction's). SQL Server computes the column from the metadata instead, so no row
    // is updated: an UPDATE would give every row a new rowversion and so replay every read model.
    private static async Task AddCorrelationColumnAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var (column, index, max) = (WeeEventsDbContext.CorrelationColumn, WeeEventsDbContext.CorrelationIndexName, EventRow.MaxCorrelationIdLength);
        string[] steps = db.Database.IsNpgsql()
            ? [
                $"ALTER TABLE events ADD COLUMN {column} character varying({max}) NULL",
                $"UPDATE events SET {column} = metadata::jsonb ->> 'correlationId' WHERE length(metadata::jsonb ->> 'correlationId') <= {max}",
            ]
            : db.Database.IsSqlServer()
            ? [$"ALTER TABLE events ADD {column} AS {WeeEventsDbContext.SqlServerCorrelationSql}"]
            : [
                $"ALTER TABLE events ADD COLUMN {column} TEXT NULL",
                $"UPDATE events SET {column} = json_extract(metadata, '$.correlationId') WHERE length(json_extract(metadata, '$.correlationId')) <= {max}",
            ];
        // One statement each: SQL Server compiles a batch before it runs, so a later statement could not name the new column.
        foreach (var step in steps.Append($"CREATE INDEX {index} ON events ({column})"))
        {
            await db.Database.ExecuteSqlRawAsync(step, cancellationToken);
        }
    }

    private static async Task<int> CurrentVersionAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database.SqlQueryRaw<int>(TableExistsSql(db, "schema_version")).SingleAsync(cancellationToken) > 0;
        return exists ? await db.SchemaVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0 : 0;
    }

    // Each provider's catalogue, asked about a table of the model (names come from the model, never from input) in the
    // connection's default schema.
    private static string TableExistsSql(WeeEventsDbContext db, string table) =>
        db.Database.IsNpgsql() ? $"SELECT CASE WHEN to_regclass('\"{table}\"') IS NULL THEN 0 ELSE 1 END AS \"Value\""
        : db.Database.IsSqlServer() ? $"SELECT CASE WHEN OBJECT_ID(N'{table}', N'U') IS NULL THEN 0 ELSE 1 END AS [Value]"
        : $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{table}'";

    // Each provider's catalogue, asked about an index of the model (names come from the model, never from input).
    private static string IndexExistsSql(WeeEventsDbContext db, string table, string index) =>
        db.Database.IsNpgsql() ? $"SELECT CASE WHEN to_regclass('\"{index}\"') IS NULL THEN 0 ELSE 1 END AS \"Value\""
        : db.Database.IsSqlServer() ? $"SELECT COUNT(*) AS [Value] FROM sys.indexes WHERE name = N'{index}' AND object_id = OBJECT_ID(N'{table}', N'U')"
        : $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name = '{index}'";

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
