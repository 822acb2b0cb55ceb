using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Writes a commit's rows. On PostgreSQL a commit of up to <see cref="MaxRowsInOneCommand"/> rows is one EF Core
/// relational command of one multi-row <c>INSERT</c> per table, the outbox's returning the positions the database gave
/// its rows. Npgsql runs the statements of one command as one batch in one implicit transaction (a failing statement
/// undoes the others), so the commit is one round trip with no <c>BEGIN</c> or <c>COMMIT</c>. The SQL is written from
/// EF Core's own mapping (table, columns, quoting, type mappings), as <see cref="StreamQuery"/> does for reads; it skips
/// what <c>SaveChanges</c> does for rows that are only ever added — change tracking, a statement per row and SQL
/// generated anew on every call — which under load was a fifth of a service's CPU. Larger commits, and the other
/// providers, go through <c>SaveChanges</c> in EF Core's explicit transaction.
/// </summary>
internal sealed class CommitWriter
{
    /// <summary>Far below PostgreSQL's 65,535 parameters per statement, and a batch small enough to keep in memory.</summary>
    public const int MaxRowsInOneCommand = 100;

    // Per model, as a model belongs to one provider; null where the provider is not PostgreSQL. Asking the context for
    // its provider on every commit reads the provider assembly's name by reflection.
    private static readonly ConcurrentDictionary<IModel, CommitWriter?> ByModel = new();

    private readonly IRelationalCommandBuilderFactory _commands;
    private readonly ISqlGenerationHelper _sql;
    private readonly Table _events;
    private readonly Table _inbox;
    private readonly Table _outbox;
    private readonly string _outboxReturning;
    private readonly ConcurrentDictionary<(int Events, int Inbox, int Outbox), (string Text, (string Name, string Placeholder)[] Parameters)> _texts = new();

    private CommitWriter(IModel model, ISqlGenerationHelper sql, IRelationalCommandBuilderFactory commands)
    {
        _commands = commands;
        _sql = sql;
        _events = Table.Of<EventRow>(model, sql);
        _inbox = Table.Of<InboxRow>(model, sql);
        _outbox = Table.Of<OutboxRow>(model, sql);
        _outboxReturning = $" RETURNING {_outbox.Delimited(nameof(OutboxRow.Position))}, {_outbox.Delimited(nameof(OutboxRow.MessageId))}";
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

    private static CommitWriter? Create(WeeEventsDbContext db) => db.Database.IsNpgsql()
        ? new CommitWriter(db.Model, db.GetService<ISqlGenerationHelper>(), db.GetService<IRelationalCommandBuilderFactory>())
        : null;

    private async Task InsertAsync(WeeEventsDbContext db, CommitRows rows, CancellationToken cancellationToken)
    {
        var (text, parameters) = _texts.GetOrAdd((rows.Events.Count, rows.Inbox.Count, rows.Outbox.Count), Text);
        var builder = _commands.Create().Append(text);
        var values = new Dictionary<string, object?>(parameters.Length);
        var next = 0;
        void Add<TRow>(Table table, List<TRow> tableRows)
        {
            foreach (var row in tableRows)
            {
                foreach (var column in table.Columns)
                {
                    var (name, placeholder) = parameters[next++];
                    var value = column.Getter.GetClrValue(row!);
                    values[name] = column.Mapping.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
                    builder.AddParameter(name, placeholder, column.Mapping, column.Property.IsNullable);
                }
            }
        }

        Add(_events, rows.Events);
        Add(_inbox, rows.Inbox);
        Add(_outbox, rows.Outbox);

        await using var result = await builder.Build().ExecuteReaderAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
        var reader = result.DbDataReader;
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

    // One INSERT per table with one VALUES tuple per row; parameters p0, p1, ... in the order the rows are bound.
    private (string Text, (string Name, string Placeholder)[] Parameters) Text((int Events, int Inbox, int Outbox) shape)
    {
        var text = new StringBuilder();
        var names = new List<(string Name, string Placeholder)>();
        void Insert(Table table, int count, string? returning)
        {
            if (count == 0)
            {
                return;
            }

            text.Append("INSERT INTO ").Append(table.Name).Append(" (").AppendJoin(", ", table.Columns.Select(c => c.Name)).Append(") VALUES ");
            for (var row = 0; row < count; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < table.Columns.Length; column++)
                {
                    var name = $"p{names.Count}";
                    var placeholder = _sql.GenerateParameterNamePlaceholder(name);
                    names.Add((name, placeholder));
                    text.Append(column == 0 ? string.Empty : ", ").Append(placeholder);
                }

                text.Append(')');
            }

            text.Append(returning).Append(";\n");
        }

        Insert(_events, shape.Events, null);
        Insert(_inbox, shape.Inbox, null);
        Insert(_outbox, shape.Outbox, _outboxReturning);
        return (text.ToString(), [.. names]);
    }

    /// <summary>A table as the model maps it: its delimited name and the columns an insert writes (all but generated keys).</summary>
    private sealed record Table(string Name, Column[] Columns, Func<string, string> Delimited)
    {
        public static Table Of<TRow>(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"The model maps no {typeof(TRow).Name}.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Where(p => p.ValueGenerated == ValueGenerated.Never)
                .Select(p => new Column(sql.DelimitIdentifier(p.GetColumnName(table)!), p, p.GetGetter(), p.GetRelationalTypeMapping()))
                .ToArray();
            return new Table(
                sql.DelimitIdentifier(table.Name, table.Schema),
                columns,
                property => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!));
        }
    }

    private sealed record Column(string Name, IProperty Property, IClrPropertyGetter Getter, RelationalTypeMapping Mapping);
}
