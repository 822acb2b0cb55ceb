using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Database-wide exclusive locks held until the current transaction ends: PostgreSQL advisory locks,
/// SQL Server application locks. SQLite needs none: its write transactions (<c>BEGIN IMMEDIATE</c>) already
/// exclude one another.
/// </summary>
internal static class ProviderLocks
{
    public const long SchemaLock = 0x5765_6545_0001; // "WeeE" + 1
    public const long OutboxClaimLock = 0x5765_6545_0002;

    /// <summary>Takes the lock inside the context's current transaction (which must exist).</summary>
    public static async Task AcquireAsync(WeeEventsDbContext db, long lockId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            var resource = $"weeevents.{lockId}";
            await db.Database.ExecuteSqlAsync(
                $"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1",
                cancellationToken);
        }
    }
}
