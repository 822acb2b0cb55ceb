using Microsoft.EntityFrameworkCore;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>
/// Read-your-writes for the read side: waits until a projection has applied a given event (an aggregate at a revision,
/// as a command's response states it), so a caller that just wrote can ask a query that reflects the write.
/// </summary>
public sealed class ProjectionConsistency(IDbContextFactory<WeeEventsDbContext> contexts, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>What waiting for an event found.</summary>
    public enum Outcome
    {
        /// <summary>The projection has applied the event.</summary>
        Applied,

        /// <summary>It had not within the wait: the projection is behind.</summary>
        Behind,

        /// <summary>The event does not exist (yet): the aggregate has no such revision.</summary>
        NoSuchEvent,
    }

    /// <summary>Waits up to <paramref name="wait"/> for <paramref name="projection"/> to apply <paramref name="aggregate"/>'s event at <paramref name="revision"/>.</summary>
    public async Task<Outcome> WaitForAsync(string projection, AggregateId aggregate, Revision revision, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + wait;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await EventFeed.CursorOfAsync(db, aggregate, revision, cancellationToken) is not { } cursor)
        {
            return Outcome.NoSuchEvent;
        }

        while (true)
        {
            if (await cursor.ReachedByAsync(db, projection, cancellationToken))
            {
                return Outcome.Applied;
            }

            if (time.GetUtcNow() >= until)
            {
                return Outcome.Behind;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }
}
