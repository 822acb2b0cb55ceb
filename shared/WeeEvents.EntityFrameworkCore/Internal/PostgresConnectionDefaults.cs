using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Npgsql settings WeeEvents' pattern of work pays for, applied unless the connection string sets them itself.
/// Every command is one of a handful of statements run thousands of times, so they are prepared once per pooled
/// connection (<c>Max Auto Prepare</c>) instead of parsed and planned by the server each time. WeeEvents keeps no
/// session state (its locks are transaction-scoped), so a connection going back to the pool needs no reset, which
/// would also discard the prepared statements (<c>No Reset On Close</c>).
/// </summary>
internal static class PostgresConnectionDefaults
{
    private const string MaxAutoPrepare = "Max Auto Prepare";
    private const string NoResetOnClose = "No Reset On Close";

    public static string Apply(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey(MaxAutoPrepare))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!builder.ContainsKey(NoResetOnClose))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
