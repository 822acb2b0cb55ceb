using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Sets SQLite up on every opened connection: write-ahead logging (readers never block the writer),
/// <c>synchronous=NORMAL</c> (safe under WAL; per connection, hence here) and a busy timeout so that
/// concurrent writers wait for the lock instead of failing.
/// </summary>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string _sql =
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
