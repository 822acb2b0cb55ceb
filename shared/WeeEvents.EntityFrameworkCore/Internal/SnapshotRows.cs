using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>Reads and writes the <c>snapshots</c> table.</summary>
internal static class SnapshotRows
{
    /// <summary>
    /// The latest snapshot at or below <paramref name="upTo"/>. A LINQ query, unlike the stream read: it runs only when a
    /// process has not folded the entity before (a cold load), never once per message.
    /// </summary>
    public static async Task<Snapshot?> LatestAsync(WeeEventsDbContext db, AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken)
    {
        var row = await db.Snapshots
            .Where(s => s.AggregateType == aggregate.Type && s.AggregateKey == aggregate.Key && s.StateVersion == stateVersion && s.Revision <= upTo.Value)
            .OrderByDescending(s => s.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new Snapshot(aggregate, new Revision(row.Revision), row.EventId, row.StateVersion, JsonElement.Parse(row.State));
    }

    /// <summary>Writes <paramref name="snapshot"/>; false when one was already kept at its revision and version (the first stays).</summary>
    public static async Task<bool> SaveAsync(WeeEventsDbContext db, Snapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Snapshots.Add(new SnapshotRow
        {
            AggregateType = snapshot.Aggregate.Type,
            AggregateKey = snapshot.Aggregate.Key,
            StateVersion = snapshot.StateVersion,
            Revision = snapshot.Revision.Value,
            EventId = snapshot.EventId,
            State = snapshot.State.GetRawText(),
            TakenAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Classify(e) == UniqueGuard.Snapshot)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
