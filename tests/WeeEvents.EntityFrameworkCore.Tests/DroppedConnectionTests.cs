using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Storage;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// An outage cuts every pooled connection (here a relay between the storage and PostgreSQL resets them, as a server
/// host that went down does), and a pool hands its idle connections out unchecked: after the first command finds its
/// connection cut, the storage empties the pool, so the commands after it get fresh connections instead of failing one
/// by one on the rest.
/// </summary>
public sealed class DroppedConnectionTests
{
    private const int Pooled = 4;

    [Fact]
    public async Task After_the_database_drops_every_connection_one_command_fails_and_the_next_ones_find_fresh_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = PostgresDatabase.Create();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpProxy.Start(direct.Host!, direct.Port);
        // Without multiplexing, so that the pool surely holds a connection per context opened below.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Multiplexing = false, MaxPoolSize = Pooled }.ConnectionString;
        await using var storage = WeeEventsStorage.Create(database.Provider, connectionString);
        await storage.EnsureSchemaAsync(ct);
        var contexts = (IDbContextFactory<WeeEventsDbContext>)storage.Services.GetService(typeof(IDbContextFactory<WeeEventsDbContext>))!;
        await FillPoolAsync(contexts, ct);

        relay.Cut();
        relay.Restore();

        await Assert.ThrowsAnyAsync<Exception>(() => CountEventsAsync(contexts, ct));
        for (var i = 0; i < Pooled; i++)
        {
            Assert.Equal(0, await CountEventsAsync(contexts, ct));
        }
    }

    /// <summary>Commands at once that each hold the database a moment, so the pool opens all its connections.</summary>
    private static Task FillPoolAsync(IDbContextFactory<WeeEventsDbContext> contexts, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Pooled * 4).Select(async _ =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.3)", ct);
        }));

    private static async Task<int> CountEventsAsync(IDbContextFactory<WeeEventsDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Events.CountAsync(ct);
    }
}
