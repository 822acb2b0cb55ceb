using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// Hands a commit's outbox rows to the process's <see cref="IOutboxDispatcher"/>, when there is one: the rows are
/// written leased to this instance (so no relay claims them meanwhile), and published once the commit returns.
/// Without a dispatcher the relay is woken instead.
/// </summary>
internal sealed class CommitDispatch(IOutboxDispatcher? dispatcher, EfOutboxStore? outbox, IOutboxSignal signal)
{
    /// <summary>Leases the context's new outbox rows and takes their place in line; null when there is nothing to hand over.</summary>
    public Pending? Begin(WeeEventsDbContext db, DateTimeOffset now)
    {
        if (dispatcher is null || outbox is null)
        {
            return null;
        }

        List<OutboxRow>? rows = null;
        foreach (var entry in db.ChangeTracker.Entries<OutboxRow>())
        {
            if (entry.State == EntityState.Added)
            {
                outbox.Lease(entry, now);
                (rows ??= []).Add(entry.Entity);
            }
        }

        return rows is null ? null : new Pending(dispatcher.Begin(rows.Select(r => new AggregateId(r.AggregateType, r.AggregateKey)).Distinct()), rows);
    }

    /// <summary>After a commit: publish what was handed over, or wake the relay for rows that were not.</summary>
    public void Committed(Pending? pending, int outboxRows)
    {
        if (pending is not null)
        {
            pending.Dispatch.Committed(pending.Rows.ConvertAll(OutboxRows.ToClaimed));
        }
        else if (outboxRows > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>A commit's rows and their place in line.</summary>
    internal sealed class Pending(IOutboxDispatch dispatch, List<OutboxRow> rows) : IDisposable
    {
        public IOutboxDispatch Dispatch { get; } = dispatch;

        public List<OutboxRow> Rows { get; } = rows;

        public void Dispose() => Dispatch.Dispose();
    }
}
