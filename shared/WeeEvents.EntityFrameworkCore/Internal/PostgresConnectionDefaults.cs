using System.Data.Common;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Npgsql settings WeeEvents' pattern of work pays for, applied unless the connection string sets them itself.
/// Every command is one of a handful of statements run thousands of times, so they are prepared once per pooled
/// connection (<c>Max Auto Prepare</c>) instead of parsed and planned by the server each time. WeeEvents keeps no
/// session state (its locks are transaction-scoped), so a connection going back to the pool needs no reset, which
/// would also discard the prepared statements (<c>No Reset On Close</c>).
/// Npgsql's <c>Multiplexing</c> is left off: with it, commands running when the connections were cut (the database
/// restarted, the network dropped) never completed, not even after the database was back, and a service froze for
/// good (<c>DroppedConnectionTests</c>); without it they fail at once and the next ones are served.
/// </summary>
internal static class PostgresConnectionDefaults
{
    public static string Apply(string? connectionString)
    {
        // Npgsql's own builder reports every keyword it knows as present; the plain builder holds only what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
