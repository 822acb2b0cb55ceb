using System.Data.Common;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Npgsql settings WeeEvents' pattern of work pays for, applied unless the connection string sets them itself.
/// Every command is one of a handful of statements run thousands of times, so they are prepared once per pooled
/// connection (<c>Max Auto Prepare</c>) instead of parsed and planned by the server each time. WeeEvents keeps no
/// session state (its locks are transaction-scoped), so a connection going back to the pool needs no reset, which
/// would also discard the prepared statements (<c>No Reset On Close</c>). Its commands are short and many at once (a
/// service handles several messages at a time, each a read or two and one commit), so they share connections
/// (<c>Multiplexing</c>): Npgsql writes the commands waiting for the database together, and the server wakes once
/// for several. A transaction (the relay's claim, the schema's set-up, a commit too large for one batch) still holds
/// its own connection until it ends.
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

        if (!written.Contains("Multiplexing"))
        {
            builder.Multiplexing = true;
        }

        return builder.ConnectionString;
    }
}
