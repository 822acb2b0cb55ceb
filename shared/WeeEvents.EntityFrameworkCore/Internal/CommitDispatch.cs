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
    /// <summary>Leases a commit's outbox rows and takes their place in line; null when there is nothing to hand over.</summary>
    public Pending? Begin(List<OutboxRow> rows, DateTimeOffset now)
    {
        if (dispatcher is null || outbox is null || rows.Count == 0)
        {
            return null;
        }

        foreach (var row in rows)
        {
            outbox.Lease(row, now);
        }

        return new Pending(dispatcher.Begin(rows.Select(r => new AggregateId(r.AggregateType, r.AggregateKey)).Distinct()));
    }

    /// <summary>After a commit: publish what was handed over, or wake the relay for rows that were not.</summary>
    public void Committed(Pending? pending, List<OutboxRow> rows)
    {
        if (pending is not null)
        {
            pending.Dispatch.Committed(rows.ConvertAll(OutboxRows.ToClaimed));
        }
        else if (rows.Count > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>A commit's rows and their place in line.</summary>
    internal sealed class Pending(IOutboxDispatch dispatch) : IDisposable
    {
        public IOutboxDispatch Dispatch { get; } = dispatch;

        public void Dispose() => Dispatch.Dispose();
    }
}
