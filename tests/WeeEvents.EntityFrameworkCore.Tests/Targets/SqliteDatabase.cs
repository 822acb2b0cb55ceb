using Microsoft.Data.Sqlite;

namespace WeeEvents.EntityFrameworkCore.Tests.Targets;

public sealed class SqliteDatabase(string path) : TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}")
{
    public static SqliteDatabase Create() => new(Path.Combine(Path.GetTempPath(), UniqueName() + ".db"));

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
