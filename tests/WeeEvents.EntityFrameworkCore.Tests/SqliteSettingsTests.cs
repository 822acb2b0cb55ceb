using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Tests.Targets;

namespace WeeEvents.EntityFrameworkCore.Tests;

public sealed class SqliteSettingsTests
{
    [Fact]
    public async Task Connections_use_write_ahead_logging_synchronous_normal_and_a_busy_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteDatabase.Create();
        await using var storage = WeeEventsStorage.Create(database.Provider, database.ConnectionString, o => o.SqliteBusyTimeout = TimeSpan.FromSeconds(7));
        await storage.EnsureSchemaAsync(ct);
        var contexts = (IDbContextFactory<WeeEventsDbContext>)storage.Services.GetService(typeof(IDbContextFactory<WeeEventsDbContext>))!;
        await using var db = await contexts.CreateDbContextAsync(ct);

        Assert.Equal("wal", await Pragma<string>(db, "journal_mode", ct));
        Assert.Equal(1L, await Pragma<long>(db, "synchronous", ct));
        Assert.Equal(7000L, await Pragma<long>(db, "busy_timeout", ct));
    }

    private static async Task<T> Pragma<T>(WeeEventsDbContext db, string name, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return (T)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
