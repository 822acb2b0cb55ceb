using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Empties a connection's pool. A pool hands out its idle connections without checking them (a round trip each time
/// would cost every command), so connections an outage cut would otherwise fail the first commands after the database
/// is back, one by one.
/// </summary>
internal static class ConnectionPools
{
    /// <summary>Closes the idle connections of <paramref name="connection"/>'s pool, and the busy ones as they return.</summary>
    public static void Clear(DbConnection connection)
    {
        switch (connection)
        {
            case NpgsqlConnection npgsql:
                NpgsqlConnection.ClearPool(npgsql);
                break;
            case SqlConnection sqlServer:
                SqlConnection.ClearPool(sqlServer);
                break;
            default:
                // SQLite's connections are files opened in the process: nothing to cut.
                break;
        }
    }
}
