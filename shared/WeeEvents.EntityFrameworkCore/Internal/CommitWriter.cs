using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Writes a commit's rows. On PostgreSQL a commit of up to <see cref="MaxRowsInOneCommand"/> rows is one Npgsql batch
/// of one multi-row <c>INSERT</c> per table, the outbox's returning the positions the database gave its rows, sent on
/// the context's connection (and in its transaction, should one be open). PostgreSQL runs a batch as one implicit
/// transaction (a failing statement undoes the others), so the commit is one round trip with no <c>BEGIN</c> or
/// <c>COMMIT</c>. Table and column names come from EF Core's mapping, as <see cref="StreamQuery"/>'s do; the values are
/// typed, positional parameters, so Npgsql neither parses the SQL nor boxes a value. This skips what <c>SaveChanges</c>
/// does for rows that are only ever added (change tracking, a statement per row, SQL generated on every call), which
/// under load was a fifth of a service's CPU, and what an EF Core relational command adds on top of Npgsql (the
/// command text copied and a parameter object of each kind per value). Larger commits, and the other providers, go
/// through <c>SaveChanges</c> in EF Core's explicit transaction.
/// </summary>
internal sealed class CommitWriter
{
    /// <summary>Far below PostgreSQL's 65,535 parameters per statement, and a batch small enough to keep in memory.</summary>
    public const int MaxRowsInOneCommand = 100;

    // Per model, as a model belongs to one provider; null where the provider is not PostgreSQL. Asking the context for
    // its provider on every commit reads the provider assembly's name by reflection.
    private static readonly ConcurrentDictionary<IModel, CommitWriter?> ByModel = new();

    private readonly Insert _events;
    private readonly Insert _inbox;
    private readonly Insert _outbox;

    private CommitWriter(IModel model, ISqlGenerationHelper sql)
    {
        _events = Insert.Of<EventRow>(model, sql, null,
            nameof(EventRow.EventId), nameof(EventRow.AggregateType), nameof(EventRow.AggregateKey), nameof(EventRow.Revision),
            nameof(EventRow.EventType), nameof(EventRow.SchemaVersion), nameof(EventRow.Data), nameof(EventRow.Metadata), nameof(EventRow.RecordedAt), nameof(EventRow.CorrelationId));
        _inbox = Insert.Of<InboxRow>(model, sql, null, nameof(InboxRow.Consumer), nameof(InboxRow.MessageId), nameof(InboxRow.ReceivedAt));
        _outbox = Insert.Of<OutboxRow>(model, sql, [nameof(OutboxRow.Position), nameof(OutboxRow.MessageId)],
            nameof(OutboxRow.MessageId), nameof(OutboxRow.MessageType), nameof(OutboxRow.Body), nameof(OutboxRow.AggregateType),
            nameof(OutboxRow.AggregateKey), nameof(OutboxRow.SourceRevision), nameof(OutboxRow.Metadata), nameof(OutboxRow.CreatedAt),
            nameof(OutboxRow.ClaimedBy), nameof(OutboxRow.LeaseUntil), nameof(OutboxRow.Attempts), nameof(OutboxRow.DispatchedAt));
    }

    /// <summary>Writes <paramref name="rows"/> in one transaction; the outbox rows come back with their positions.</summary>
    public static async Task WriteAsync(WeeEventsDbContext db, CommitRows rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (rows.Count <= MaxRowsInOneCommand && ByModel.GetOrAdd(db.Model, _ => Create(db)) is { } writer)
        {
            await writer.InsertAsync(db, rows, cancellationToken);
            return;
        }

        // Rows are only ever added, never changed: no need to scan them for changes at SaveChanges.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Events.AddRange(rows.Events);
        db.Inbox.AddRange(rows.Inbox);
        db.Outbox.AddRange(rows.Outbox);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static CommitWriter? Create(WeeEventsDbContext db) =>
        db.Database.IsNpgsql() ? new CommitWriter(db.Model, db.GetService<ISqlGenerationHelper>()) : null;

    private async Task InsertAsync(WeeEventsDbContext db, CommitRows rows, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            if (rows.Events.Count > 0)
            {
                var command = _events.Command(rows.Events.Count);
                foreach (var e in rows.Events)
                {
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.AggregateType });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.AggregateKey });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Revision });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EventType });
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.SchemaVersion });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Data });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Metadata });
                    command.Parameters.Add(Instant(e.RecordedAt));
                    command.Parameters.Add(e.CorrelationId is { } correlationId ? new NpgsqlParameter<string> { TypedValue = correlationId } : Null(NpgsqlDbType.Text));
                }

                batch.BatchCommands.Add(command);
            }

            if (rows.Inbox.Count > 0)
            {
                var command = _inbox.Command(rows.Inbox.Count);
                foreach (var i in rows.Inbox)
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = i.Consumer });
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = i.MessageId });
                    command.Parameters.Add(Instant(i.ReceivedAt));
                }

                batch.BatchCommands.Add(command);
            }

            if (rows.Outbox.Count > 0)
            {
                var command = _outbox.Command(rows.Outbox.Count);
                foreach (var o in rows.Outbox)
                {
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = o.MessageId });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.MessageType });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.Body });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.AggregateType });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.AggregateKey });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = o.SourceRevision });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.Metadata });
                    command.Parameters.Add(Instant(o.CreatedAt));
                    command.Parameters.Add(o.ClaimedBy is { } claimedBy ? new NpgsqlParameter<string> { TypedValue = claimedBy } : Null(NpgsqlDbType.Text));
                    command.Parameters.Add(o.LeaseUntil is { } leaseUntil ? Instant(leaseUntil) : Null(NpgsqlDbType.TimestampTz));
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = o.Attempts });
                    command.Parameters.Add(o.DispatchedAt is { } dispatchedAt ? Instant(dispatchedAt) : Null(NpgsqlDbType.TimestampTz));
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var outbox = rows.Outbox.Count == 0 ? null : rows.Outbox.ToDictionary(o => o.MessageId);

            // Every statement's result is read to its end: a later statement's error (a unique index) surfaces here.
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    outbox![reader.GetFieldValue<Guid>(1)].Position = reader.GetInt64(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // timestamptz takes UTC instants only; the store's clock gives UTC.
    private static NpgsqlParameter<DateTimeOffset> Instant(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    private static NpgsqlParameter Null(NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = DBNull.Value };

    /// <summary>One table's multi-row INSERT, its SQL written once per row count from the model's mapping.</summary>
    private sealed class Insert(string head, int columns, string? returning)
    {
        private readonly ConcurrentDictionary<int, string> _byRows = new();

        public static Insert Of<TRow>(IModel model, ISqlGenerationHelper sql, string[]? returning, params string[] properties)
        {
            var entity = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"The model maps no {typeof(TRow).Name}.");
            // A column the model gained but this writer does not bind would silently take its default: refuse instead.
            if (entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p => p.Name).Except(properties).ToList() is [_, ..] unbound)
            {
                throw new InvalidOperationException($"CommitWriter does not write {typeof(TRow).Name}.{string.Join(", ", unbound)}.");
            }

            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            return new Insert(
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(Column))}) VALUES ",
                properties.Length,
                returning is null ? null : $" RETURNING {string.Join(", ", returning.Select(Column))}");
        }

        /// <summary>A batch command for <paramref name="rows"/> rows; their values go in as parameters $1, $2, … row by row.</summary>
        public NpgsqlBatchCommand Command(int rows) => new(_byRows.GetOrAdd(rows, Text));

        private string Text(int rows)
        {
            var text = new StringBuilder(head);
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 1; column <= columns; column++)
                {
                    text.Append(column == 1 ? "$" : ", $").Append((row * columns) + column);
                }

                text.Append(')');
            }

            return text.Append(returning).ToString();
        }
    }
}
