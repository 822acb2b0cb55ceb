using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Inbox;

/// <summary>
/// Maintenance of the inbox. Rows are written by <see cref="Messaging.IUnitOfWork.TryRecordHandledAsync"/>;
/// this purges those older than the window in which a redelivery can still arrive.
/// </summary>
public sealed class EfInboxStore(IDbContextFactory<WeeEventsDbContext> contexts)
{
    /// <summary>Whether <paramref name="consumer"/> has recorded <paramref name="messageId"/>.</summary>
    public async Task<bool> ContainsAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Inbox.AnyAsync(i => i.Consumer == consumer && i.MessageId == messageId, cancellationToken);
    }

    /// <summary>Deletes rows received before <paramref name="receivedBefore"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        // PostgreSQL's timestamptz parameters must be UTC.
        var cutoff = receivedBefore.ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Inbox.Where(i => i.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
