namespace WeeEvents.EntityFrameworkCore.Tests.Targets;

/// <summary>A uniquely named database for one test, dropped afterwards.</summary>
public abstract class TestDatabase(DatabaseProvider provider, string connectionString) : IAsyncDisposable
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public static string UniqueName() => $"weeevents_test_{Guid.NewGuid():N}";

    public abstract ValueTask DisposeAsync();
}
