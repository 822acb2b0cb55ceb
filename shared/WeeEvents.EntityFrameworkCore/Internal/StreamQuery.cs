using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// The read of one stream, the hottest query there is, as an EF Core relational command: logged, intercepted and run on
/// the context's connection like any other, with SQL written once per model from EF Core's own mapping (table,
/// columns, column types, the provider's quoting and converters), so it follows the schema on every provider. Not a
/// LINQ query: EF Core 10 emits and JIT-compiles a fresh dynamic method on every execution of this one (compiled or
/// not), which under load cost about a tenth of a service's CPU.
/// </summary>
internal sealed class StreamQuery
{
    private static readonly ConcurrentDictionary<IModel, StreamQuery> ByModel = new();

    private readonly IRelationalCommandBuilderFactory _commands;
    private readonly string _text;
    private readonly (string Name, string Placeholder, RelationalTypeMapping Mapping)[] _parameters;
    private readonly ValueConverter? _recordedAt;

    private StreamQuery(IModel model, ISqlGenerationHelper sql, IRelationalCommandBuilderFactory commands)
    {
        var events = model.FindEntityType(typeof(EventRow)) ?? throw new InvalidOperationException("The model maps no events table.");
        var table = StoreObjectIdentifier.Table(events.GetTableName()!, events.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(events.FindProperty(property)!.GetColumnName(table)!);
        RelationalTypeMapping Mapping(string property) => events.FindProperty(property)!.GetRelationalTypeMapping();
        var text = $"SELECT {Column(nameof(EventRow.EventId))}, {Column(nameof(EventRow.Revision))}, {Column(nameof(EventRow.EventType))}, " +
            $"{Column(nameof(EventRow.SchemaVersion))}, {Column(nameof(EventRow.RecordedAt))}, {Column(nameof(EventRow.Data))}, {Column(nameof(EventRow.Metadata))} " +
            $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"WHERE {Column(nameof(EventRow.AggregateType))} = {sql.GenerateParameterNamePlaceholder("type")} " +
            $"AND {Column(nameof(EventRow.AggregateKey))} = {sql.GenerateParameterNamePlaceholder("key")} " +
            $"AND {Column(nameof(EventRow.Revision))} > {sql.GenerateParameterNamePlaceholder("after")} " +
            $"AND {Column(nameof(EventRow.Revision))} <= {sql.GenerateParameterNamePlaceholder("upTo")} " +
            $"ORDER BY {Column(nameof(EventRow.Revision))}";
        _commands = commands;
        _text = text;
        _parameters =
        [
            ("type", sql.GenerateParameterName("type"), Mapping(nameof(EventRow.AggregateType))),
            ("key", sql.GenerateParameterName("key"), Mapping(nameof(EventRow.AggregateKey))),
            ("after", sql.GenerateParameterName("after"), Mapping(nameof(EventRow.Revision))),
            ("upTo", sql.GenerateParameterName("upTo"), Mapping(nameof(EventRow.Revision))),
        ];
        _recordedAt = events.FindProperty(nameof(EventRow.RecordedAt))!.GetTypeMapping().Converter;
    }

    public static StreamQuery For(WeeEventsDbContext db) =>
        ByModel.GetOrAdd(db.Model, model => new StreamQuery(model, db.GetService<ISqlGenerationHelper>(), db.GetService<IRelationalCommandBuilderFactory>()));

    /// <summary>The events of <paramref name="aggregate"/> after <paramref name="after"/> up to <paramref name="upTo"/>, in order.</summary>
    public async Task<List<RecordedEvent<JsonElement>>> LoadAsync(
        WeeEventsDbContext db, AggregateId aggregate, long after, long upTo, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent<JsonElement>>();
        var parameters = new Dictionary<string, object?> { ["type"] = aggregate.Type, ["key"] = aggregate.Key, ["after"] = after, ["upTo"] = upTo };
        // A relational command keeps its reader for reuse, so each execution builds its own (cheap: the text is made).
        var builder = _commands.Create().Append(_text);
        foreach (var (name, placeholder, mapping) in _parameters)
        {
            builder.AddParameter(name, placeholder, mapping, nullable: false);
        }

        await using var result = await builder.Build().ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(), parameters, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
        var reader = result.DbDataReader;
        while (await reader.ReadAsync(cancellationToken))
        {
            var recordedAt = _recordedAt is null
                ? reader.GetFieldValue<DateTimeOffset>(4)
                : (DateTimeOffset)_recordedAt.ConvertFromProvider(reader.GetValue(4))!;
            events.Add(new RecordedEvent<JsonElement>(
                aggregate,
                reader.GetFieldValue<Guid>(0),
                new Revision(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                recordedAt,
                StoredJson.ReadData(reader.GetString(5)),
                StoredJson.ReadMetadata(reader.GetString(6))));
        }

        return events;
    }
}
