using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// How a commit's rows reach the database. PostgreSQL runs the statements Npgsql sends as one batch in one implicit
/// transaction (a failing statement undoes the others), so a commit small enough for EF Core to send as one batch
/// needs no BEGIN and COMMIT of its own: one round trip instead of two. Larger commits, and the other providers, keep
/// EF Core's explicit transaction.
/// </summary>
internal static class CommitBatch
{
    // Far below the provider's batch size (1,000 statements), so that SaveChanges sends these rows as one batch.
    private const int MaxRowsInOneBatch = 100;

    public static void Prepare(WeeEventsDbContext db)
    {
        db.Database.AutoTransactionBehavior = db.Database.IsNpgsql() && db.ChangeTracker.Entries().Take(MaxRowsInOneBatch + 1).Count() <= MaxRowsInOneBatch
            ? AutoTransactionBehavior.Never
            : AutoTransactionBehavior.WhenNeeded;
    }
}
