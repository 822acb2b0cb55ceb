using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Messaging;
using WeeEvents.Operator;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// The round trips the bench's budget reports come from what the operator's metrics count of the database client: on
/// PostgreSQL, Npgsql's commands, a consumer's whole commit being one.
/// </summary>
public sealed class DatabaseCommandCountTests
{
    [Fact]
    public async Task A_unit_of_work_on_postgres_is_counted_in_the_services_database_commands()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = PostgresDatabase.Create();
        await using var provider = new ServiceCollection()
            .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString) = ("Postgres", database.ConnectionString))
            .BuildServiceProvider();
        await provider.GetRequiredService<Schema.SchemaInitializer>().EnsureSchemaAsync(ct);
        using var statistics = new HandlingStatistics(TimeProvider.System);
        var before = statistics.DatabaseCommands ?? 0;

        await using (var unit = await provider.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            Assert.True(await unit.TryRecordHandledAsync("test.route", Guid.NewGuid(), ct));
            await unit.Events.AppendAsync(new AggregateId("cart", "1"), [DomainEvent.Create("note-taken", new { text = "a" })], AppendOptions.Default, ct);
            await unit.CommitAsync(ct);
        }

        // Other tests' commands may count too (the count is the process's): at least this commit's.
        Assert.NotNull(statistics.DatabaseCommands);
        Assert.True(statistics.DatabaseCommands >= before + 1, $"{statistics.DatabaseCommands} commands, {before} before");
    }
}
