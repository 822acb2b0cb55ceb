using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>Which guard a failed insert ran into.</summary>
internal enum UniqueGuard
{
    None,
    Stream,
    Inbox,
    Idempotency,
    Snapshot,
}

/// <summary>
/// Reads each provider's unique-violation error and names the guard it hit, so that only the stream index
/// becomes <see cref="RevisionConflict"/> and only the inbox key becomes <see cref="Messaging.DuplicateMessage"/>.
/// </summary>
internal static class UniqueViolation
{
    // SQL Server: 2601 = duplicate key in a unique index, 2627 = unique or primary key constraint.
    private const int SqlServerDuplicateIndex = 2601;
    private const int SqlServerDuplicateConstraint = 2627;

    // SQLite: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    /// <summary>The guard behind <paramref name="exception"/>: a provider's error, or <c>SaveChanges</c>' wrapping of one.</summary>
    public static UniqueGuard Classify(Exception exception) => (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => ByName(pg.ConstraintName),
        SqlException sql when sql.Number is SqlServerDuplicateIndex or SqlServerDuplicateConstraint => ByName(sql.Message),
        SqliteException lite when lite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey => BySqliteColumns(lite.Message),
        _ => UniqueGuard.None,
    };

    private static UniqueGuard ByName(string? text) => text switch
    {
        null => UniqueGuard.None,
        _ when text.Contains(WeeEventsDbContext.StreamIndexName, StringComparison.Ordinal) => UniqueGuard.Stream,
        _ when text.Contains(WeeEventsDbContext.InboxKeyName, StringComparison.Ordinal) => UniqueGuard.Inbox,
        _ when text.Contains(WeeEventsDbContext.IdempotencyKeyName, StringComparison.Ordinal) => UniqueGuard.Idempotency,
        _ when text.Contains(WeeEventsDbContext.SnapshotKeyName, StringComparison.Ordinal) => UniqueGuard.Snapshot,
        _ => UniqueGuard.None,
    };

    // SQLite names the columns, not the index: "UNIQUE constraint failed: events.aggregate_type, events.aggregate_key, events.revision".
    private static UniqueGuard BySqliteColumns(string message) => message switch
    {
        _ when message.Contains("events.revision", StringComparison.Ordinal) => UniqueGuard.Stream,
        _ when message.Contains("inbox.consumer", StringComparison.Ordinal) => UniqueGuard.Inbox,
        _ when message.Contains("idempotency_keys.scope", StringComparison.Ordinal) => UniqueGuard.Idempotency,
        _ when message.Contains("snapshots.aggregate_type", StringComparison.Ordinal) => UniqueGuard.Snapshot,
        _ => UniqueGuard.None,
    };
}
