using Microsoft.Data.Sqlite;
using WeeEvents.EntityFrameworkCore;

namespace WeeEvents.Demo.Hosting;

/// <summary>
/// The one database the four services share in the demo: a fresh SQLite file in a folder of its own under the
/// temp directory, deleted after the run unless kept; or whatever <c>WeeEvents:Database:Provider</c> and
/// <c>ConnectionStrings:Events</c> name, which the demo then never deletes.
/// </summary>
public sealed class DemoDatabase : IDisposable
{
    private readonly string? _folder;
    private readonly bool _keep;

    private DemoDatabase(string description, string? folder, string? connectionString, bool keep)
    {
        Description = description;
        _folder = folder;
        ConnectionString = connectionString;
        _keep = keep;
    }

    /// <summary>What the report prints: the provider and, for the demo's own file, its path.</summary>
    public string Description { get; }

    /// <summary>The connection string the demo chose; null when configuration names the database.</summary>
    public string? ConnectionString { get; }

    /// <summary>True when the demo made the database (and so may delete it).</summary>
    public bool IsOwned => _folder is not null;

    /// <summary>The demo's own SQLite file under the temp directory, unless configuration names a database.</summary>
    public static DemoDatabase Choose(IConfiguration configuration, string tag, bool keep)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[StorageOptions.ProviderKey];
        var configured = configuration[StorageOptions.ConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(configured)
            || (!string.IsNullOrWhiteSpace(provider) && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase)))
        {
            return new DemoDatabase($"{provider} ({StorageOptions.ConnectionStringKey})", null, null, keep);
        }

        var folder = Path.Combine(Path.GetTempPath(), "weeevents-demo", tag);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "events.db");
        return new DemoDatabase($"SQLite {file}", folder, $"Data Source={file}", keep);
    }

    /// <summary>Deletes the demo's own file unless it is kept.</summary>
    public void Dispose()
    {
        if (_folder is null || _keep)
        {
            return;
        }

        // Pooled connections keep the file (and its WAL) open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp directory is cleaned by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
