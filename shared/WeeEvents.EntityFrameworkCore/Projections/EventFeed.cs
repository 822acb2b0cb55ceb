using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WeeEvents.EntityFrameworkCore.Internal;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>Where a subscription has read to: the commit order and position of the last event it took.</summary>
internal readonly record struct FeedCursor(long CommitOrder, long Position)
{
    /// <summary>Whether <paramref name="projection"/>'s checkpoint is at or past this cursor (it has applied the event here).</summary>
    public async Task<bool> ReachedByAsync(WeeEventsDbContext db, string projection, CancellationToken cancellationToken)
    {
        var reached = await db.Checkpoints.Where(c => c.Name == projection)
            .Select(c => new { c.CommitOrder, c.Position }).SingleOrDefaultAsync(cancellationToken);
        return reached is not null && (reached.CommitOrder, reached.Position).CompareTo((CommitOrder, Position)) >= 0;
    }
}

/// <summary>
/// An event as the feed hands it over, with the cursor just after it; <see cref="Event"/> is null for an event the
/// reader does not want (it is passed over without reading its data and metadata).
/// </summary>
internal sealed record FeedEvent(RecordedEvent<JsonElement>? Event, FeedCursor Cursor, DateTimeOffset RecordedAt);

/// <summary>
/// Reads a service's events in the order their transactions committed, never skipping one that commits late. Positions
/// are handed out when a row is inserted, not when its transaction commits, so position 11 may be visible while 10 is
/// still in flight; a reader that went by position alone would pass 10 for ever. Each provider therefore reads up to a
/// horizon below which nothing can still appear:
/// <list type="bullet">
/// <item>PostgreSQL: by (<c>commit_order</c>, position), where <c>commit_order</c> is the writing transaction's
/// <c>xid8</c>, and only below <c>pg_snapshot_xmin(pg_current_snapshot())</c>, the oldest transaction still running: every
/// transaction below it has committed or rolled back, and any later commit sorts above it.</item>
/// <item>SQL Server: by the <c>rowversion</c> column, below <c>MIN_ACTIVE_ROWVERSION()</c>, the oldest one still in an
/// open transaction.</item>
/// <item>SQLite: by position, which is commit order there: one writer at a time.</item>
/// </list>
/// A long-open transaction therefore holds a subscription back (it lags; it does not skip). The order is by the column,
/// qualified: the bare name would be the converted output column, which no index serves (a scan and a sort of the
/// whole table on every read).
/// </summary>
internal static class EventFeed
{
    private const string Columns = "position, event_id, aggregate_type, aggregate_key, revision, event_type, schema_version, data, '' AS metadata, recorded_at";

    /// <summary>
    /// Up to <paramref name="batch"/> events after <paramref name="after"/>, in commit order, in the context's transaction;
    /// only those <paramref name="wanted"/> (by aggregate type and event type) are read whole.
    /// </summary>
    public static async Task<IReadOnlyList<FeedEvent>> ReadAsync(WeeEventsDbContext db, FeedCursor after, int batch, Func<string, string, bool> wanted, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = db.Database.IsNpgsql()
            ? $"""
              SELECT {Columns}, commit_order::text::bigint AS cursor_order FROM events
              WHERE (commit_order, position) > (@order::text::xid8, @position) AND commit_order < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY events.commit_order, events.position LIMIT @batch
              """
            : db.Database.IsSqlServer()
            ? $"""
              SELECT TOP (@batch) {Columns}, CONVERT(bigint, commit_order) AS cursor_order FROM events
              WHERE commit_order > CONVERT(binary(8), @order) AND commit_order < MIN_ACTIVE_ROWVERSION()
              ORDER BY events.commit_order
              """
            : $"SELECT {Columns}, 0 FROM events WHERE position > @position ORDER BY position LIMIT @batch";
        Add(command, "@order", after.CommitOrder);
        Add(command, "@position", after.Position);
        Add(command, "@batch", batch);

        var sqlite = db.Database.IsSqlite();
        var events = new List<FeedEvent>(batch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var recordedAt = sqlite ? new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(9);
            var cursor = new FeedCursor(reader.GetInt64(10), reader.GetInt64(0));
            if (!wanted(reader.GetString(2), reader.GetString(5)))
            {
                events.Add(new FeedEvent(null, cursor, recordedAt));
                continue;
            }

            var aggregate = new AggregateId(reader.GetString(2), reader.GetString(3));
            var recorded = new RecordedEvent<JsonElement>(
                aggregate,
                reader.GetGuid(1),
                new Revision(reader.GetInt64(4)),
                reader.GetString(5),
                reader.GetInt32(6),
                recordedAt,
                StoredJson.ReadData(reader.GetString(7)),
                // Read models are built from what happened, not from who asked or under which trace: the metadata
                // is not read (it is most of the cost of reading an event).
                EventMetadata.Empty);
            events.Add(new FeedEvent(recorded, cursor, recordedAt));
        }

        return events;
    }

    /// <summary>Where the event of <paramref name="aggregate"/> at <paramref name="revision"/> sits in the feed; null when there is none.</summary>
    public static Task<FeedCursor?> CursorOfAsync(WeeEventsDbContext db, AggregateId aggregate, Revision revision, CancellationToken cancellationToken) =>
        ReadCursorAsync(
            db,
            db.Database.IsNpgsql()
                ? "SELECT commit_order::text::bigint, position FROM events WHERE aggregate_type = @type AND aggregate_key = @key AND revision = @revision"
                : db.Database.IsSqlServer()
                ? "SELECT CONVERT(bigint, commit_order), position FROM events WHERE aggregate_type = @type AND aggregate_key = @key AND revision = @revision"
                : "SELECT 0, position FROM events WHERE aggregate_type = @type AND aggregate_key = @key AND revision = @revision",
            command =>
            {
                Add(command, "@type", aggregate.Type);
                Add(command, "@key", aggregate.Key);
                Add(command, "@revision", revision.Value);
            },
            cancellationToken);

    /// <summary>Where the last event committed so far sits in the feed; null when there is none.</summary>
    public static Task<FeedCursor?> LastAsync(WeeEventsDbContext db, CancellationToken cancellationToken) =>
        ReadCursorAsync(
            db,
            db.Database.IsNpgsql()
                ? "SELECT commit_order::text::bigint, position FROM events ORDER BY events.commit_order DESC, events.position DESC LIMIT 1"
                : db.Database.IsSqlServer()
                ? "SELECT TOP (1) CONVERT(bigint, commit_order), position FROM events ORDER BY events.commit_order DESC"
                : "SELECT 0, position FROM events ORDER BY position DESC LIMIT 1",
            static _ => { },
            cancellationToken);

    /// <summary>The cursor the one row of <paramref name="sql"/> names (commit order, position); null when it finds none.</summary>
    private static async Task<FeedCursor?> ReadCursorAsync(WeeEventsDbContext db, string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(db, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        parameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FeedCursor(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    // The context's connection, opened for the raw commands (EF Core opens it only around its own queries, and keeps
    // it open for as long as a transaction is).
    private static async Task<DbConnection> OpenAsync(WeeEventsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return db.Database.GetDbConnection();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
