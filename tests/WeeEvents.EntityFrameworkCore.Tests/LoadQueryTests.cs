using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.EntityFrameworkCore.Tests.Support;
using WeeEvents.EntityFrameworkCore.Tests.Targets;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>Loading an aggregate: one indexed query reading only what replay needs.</summary>
public sealed class LoadQueryTests
{
    [Fact]
    public async Task A_load_is_one_query_that_reads_only_the_replay_columns_through_the_stream_index()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        var log = new CommandLog();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information))
            .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString) = ("Sqlite", database.ConnectionString));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Schema.SchemaInitializer>().EnsureSchemaAsync(ct);
        var store = provider.GetRequiredService<IEventStore>();
        var aggregate = new AggregateId("cart", "1");
        await store.AppendAsync(aggregate, [DomainEvent.Create("note-taken", new { text = "a" }), DomainEvent.Create("note-taken", new { text = "b" })], AppendOptions.Default, ct);
        log.Commands.Clear();

        Assert.Equal(2, (await store.LoadAsync(aggregate, cancellationToken: ct)).Count);

        var sql = Assert.Single(log.Commands);
        var selected = sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..sql.IndexOf("FROM", StringComparison.Ordinal)];
        Assert.DoesNotContain("position", selected, StringComparison.Ordinal);
        Assert.DoesNotContain("aggregate_", selected, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT event_id, revision, event_type, schema_version, recorded_at, data, metadata FROM events WHERE aggregate_type = 'cart' AND aggregate_key = '1' AND revision > 0 AND revision <= 9 ORDER BY revision";
        var steps = new List<string>();
        await using var reader = await plan.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            steps.Add(reader.GetString(3));
        }

        Assert.Contains(steps, s => s.Contains("USING INDEX ux_events_stream", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
