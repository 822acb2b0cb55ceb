using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.EntityFrameworkCore.Tests.Targets;
using WeeEvents.Storage;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// An outage cuts every pooled connection (here a relay between the storage and PostgreSQL resets them, as a server
/// host that went down does). A pool hands its idle connections out unchecked, so the first command after it may fail
/// (a 503 over HTTP, handled again by a consumer); Npgsql then drops the pool's other cut connections, and every
/// command after it finds a fresh one.
/// </summary>
public sealed class DroppedConnectionTests
{
    private const int Pooled = 4;

    [Fact]
    public async Task After_the_database_drops_every_connection_one_command_fails_and_the_next_ones_find_fresh_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = PostgresDatabase.Create();
        await using var relay = RelayTo(database);
        await using var storage = await StorageThroughAsync(database, relay, ct);
        var contexts = (IDbContextFactory<WeeEventsDbContext>)storage.Services.GetService(typeof(IDbContextFactory<WeeEventsDbContext>))!;
        await FillPoolAsync(contexts, ct);

        relay.Cut();
        relay.Restore();

        try
        {
            await CountEventsAsync(contexts, ct);
        }
        catch (Exception e) when (StorageOutage.IsCause(e) || e.GetBaseException() is IOException or System.Net.Sockets.SocketException)
        {
            // The one command allowed to meet a cut connection.
        }

        for (var i = 0; i < Pooled; i++)
        {
            Assert.Equal(0, await CountEventsAsync(contexts, ct));
        }
    }

    /// <summary>
    /// Sixteen writers (each unit of work reads a stream, appends, records an inbox row and commits) while the database
    /// goes away five times: each writer is served again once it is back. With Npgsql's multiplexing every writer
    /// stayed stuck in a command for good.
    /// </summary>
    [Fact]
    public async Task Writers_running_when_the_database_goes_away_are_served_again_when_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = PostgresDatabase.Create();
        await using var relay = RelayTo(database);
        await using var storage = await StorageThroughAsync(database, relay, ct);
        var contexts = (IDbContextFactory<WeeEventsDbContext>)storage.Services.GetService(typeof(IDbContextFactory<WeeEventsDbContext>))!;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var served = new long[16];
        var failed = new long[16];
        var lastError = new string?[16];
        var workers = Enumerable.Range(0, served.Length).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var aggregate = new AggregateId("item", $"w{i}-{served[i] % 50}");
                    await using (var unit = await storage.UnitsOfWork.BeginAsync(ct))
                    {
                        await unit.TryRecordHandledAsync("route", Guid.NewGuid(), ct);
                        await unit.Events.LoadAsync(aggregate, cancellationToken: ct);
                        await unit.Events.AppendAsync(aggregate, [Support.ItemMapper.Item(1)], AppendOptions.Default, ct);
                        await unit.CommitAsync(ct);
                    }

                    await storage.Events.LoadAsync(aggregate, cancellationToken: ct);
                    Interlocked.Increment(ref served[i]);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed[i]);
                    lastError[i] = e.GetType().Name + ": " + e.Message;
                    await Task.Delay(10, ct);
                }
            }
        }, ct)).ToArray();

        for (var outage = 0; outage < 5; outage++)
        {
            await Task.Delay(300, ct);
            relay.Cut();
            await Task.Delay(300, ct);
            relay.Restore();
        }

        // Served since the last outage: nothing stays stuck in a command on a connection the outage cut.
        var before = served.Select(v => Interlocked.Read(ref v)).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Enumerable.Range(0, served.Length).Any(i => Interlocked.Read(ref served[i]) <= before[i]) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        var stuck = Enumerable.Range(0, served.Length).Count(i => Interlocked.Read(ref served[i]) <= before[i]);
        stop.Cancel();
        Assert.True(stuck == 0, string.Join(Environment.NewLine, Enumerable.Range(0, 16).Select(i => $"{i}: served {served[i]} failed {failed[i]} last {lastError[i]}")));
        await Task.WhenAll(workers);
    }

    /// <summary>A relay in front of <paramref name="database"/>'s server, for the test to cut.</summary>
    private static TcpProxy RelayTo(PostgresDatabase database)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return TcpProxy.Start(server.Host!, server.Port);
    }

    /// <summary>The storage on <paramref name="database"/>, reached through <paramref name="relay"/>, with the product's connection settings.</summary>
    private static async Task<WeeEventsStorage> StorageThroughAsync(PostgresDatabase database, TcpProxy relay, CancellationToken ct)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, MaxPoolSize = Pooled }.ConnectionString;
        var storage = WeeEventsStorage.Create(database.Provider, connectionString);
        await storage.EnsureSchemaAsync(ct);
        return storage;
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
