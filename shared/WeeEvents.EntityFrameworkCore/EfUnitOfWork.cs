using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// One message handler's writes on one context: appends, the inbox row and outbox rows are only staged
/// until <see cref="CommitAsync"/>, which writes them all in one <c>SaveChanges</c> — one transaction and,
/// with batching, one round trip. Reads before the commit take no locks: the unique stream index and the
/// inbox key catch whoever commits second, which then fails as a whole.
/// </summary>
internal sealed class EfUnitOfWork : IUnitOfWork
{
    private readonly WeeEventsDbContext _db;
    private readonly IReadOnlyList<IOutboxMapper> _mappers;
    private readonly CommitDispatch _dispatch;
    private readonly TimeProvider _time;
    private readonly StreamCache _streams;
    private readonly StreamLocks _locks;
    private readonly List<StreamLocks.Turn> _turns = [];
    private readonly HashSet<int> _heldStripes = [];
    private readonly Dictionary<AggregateId, List<RecordedEvent<JsonElement>>> _staged = [];
    private readonly Dictionary<AggregateId, Revision> _expected = [];
    private readonly HashSet<(string Consumer, Guid MessageId)> _inbox = [];
    private readonly Dictionary<AggregateId, IReadOnlyList<RecordedEvent<JsonElement>>> _read = [];
    private int _outboxRows;
    private bool _committed;

    public EfUnitOfWork(WeeEventsDbContext db, IReadOnlyList<IOutboxMapper> mappers, CommitDispatch dispatch, TimeProvider time, StreamCache streams, StreamLocks locks)
    {
        _db = db;
        // Rows are only ever added, never changed: no need to scan them for changes at SaveChanges.
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        _mappers = mappers;
        _dispatch = dispatch;
        _time = time;
        _streams = streams;
        _locks = locks;
        Events = new UnitOfWorkEventStore(this);
    }

    public IEventStore Events { get; }

    public async Task<bool> TryRecordInboxAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        EnsureOpen();
        if (!_inbox.Add((consumer, messageId)))
        {
            return false;
        }

        if (await _db.Inbox.AsNoTracking().AnyAsync(i => i.Consumer == consumer && i.MessageId == messageId, cancellationToken))
        {
            _inbox.Remove((consumer, messageId));
            return false;
        }

        _db.Inbox.Add(new InboxRow { Consumer = consumer, MessageId = messageId, ReceivedAt = StoreClock.Now(_time) });
        return true;
    }

    public void RecordInbox(string consumer, Guid messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        EnsureOpen();
        if (_inbox.Add((consumer, messageId)))
        {
            _db.Inbox.Add(new InboxRow { Consumer = consumer, MessageId = messageId, ReceivedAt = StoreClock.Now(_time) });
        }
    }

    public void Enqueue(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureOpen();
        _db.Outbox.Add(OutboxRows.From(message));
        _outboxRows++;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        using var pending = _outboxRows > 0 ? _dispatch.Begin(_db, StoreClock.Now(_time)) : null;
        CommitBatch.Prepare(_db);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            ForgetStaged();
            throw Translate(e);
        }
        catch
        {
            ForgetStaged();
            throw;
        }

        _committed = true;
        RememberStaged();
        ReleaseTurns();
        _dispatch.Committed(pending, _outboxRows);
    }

    // Nothing reaches the database before CommitAsync, so disposing without it is the rollback.
    public ValueTask DisposeAsync()
    {
        ReleaseTurns();
        return _db.DisposeAsync();
    }

    internal async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        EnsureOpen();
        Revision after;
        if (_staged.TryGetValue(aggregate, out var staged))
        {
            // The stream as this unit will leave it: the database's part was checked when first appended to.
            after = staged.Count == 0 ? _expected[aggregate] : staged[^1].Revision;
            if (options.ExpectedRevision is { } e && e != after)
            {
                throw new RevisionConflict(aggregate, e, after);
            }
        }
        else if (events.Count == 0)
        {
            await EventRows.CheckExpectedAsync(_db, aggregate, options.ExpectedRevision, cancellationToken);
            return [];
        }
        else
        {
            after = await EventRows.BaseRevisionAsync(_db, aggregate, options, cancellationToken);
            _expected[aggregate] = after;
            _staged[aggregate] = staged = [];
        }

        var recorded = EventRows.Add(_db, aggregate, events, after, options.Metadata, StoreClock.Now(_time), _mappers, ref _outboxRows);
        staged.AddRange(recorded);
        return recorded;
    }

    internal async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        AggregateId aggregate, LoadOptions? options, CancellationToken cancellationToken)
    {
        var after = options?.AfterRevision ?? Revision.Initial;
        var upTo = options?.UpToRevision ?? new Revision(long.MaxValue);
        IReadOnlyList<RecordedEvent<JsonElement>> stored;
        if (_read.TryGetValue(aggregate, out var read))
        {
            // Read once per unit: a handler that checks an aggregate and then runs a command on it (or loads it twice)
            // costs one query. A newer commit by someone else is caught by the unique index at commit, as it would be anyway.
            stored = after == Revision.Initial && upTo.Value == long.MaxValue ? read : [.. read.Where(e => e.Revision > after && e.Revision <= upTo)];
        }
        else
        {
            // The turn first: a unit that waited for it reads what the unit before it committed.
            await TakeTurnAsync(aggregate, cancellationToken);
            if (_streams.Find(aggregate) is { } cached)
            {
                _read[aggregate] = cached;
                stored = after == Revision.Initial && upTo.Value == long.MaxValue ? cached : [.. cached.Where(e => e.Revision > after && e.Revision <= upTo)];
            }
            else
            {
                stored = await EventRows.LoadAsync(_db, aggregate, options, cancellationToken);
                if (options is null || (options.AfterRevision is null && options.UpToRevision is null))
                {
                    _read[aggregate] = stored;
                }
            }
        }

        if (!_staged.TryGetValue(aggregate, out var staged) || staged.Count == 0)
        {
            return stored;
        }

        // A handler that appends twice to one aggregate sees its own staged events.
        return [.. stored, .. staged.Where(e => e.Revision > after && e.Revision <= upTo)];
    }

    /// <summary>The turn on a stream this unit is about to read for the first time (see <see cref="StreamLocks"/>).</summary>
    private async Task TakeTurnAsync(AggregateId aggregate, CancellationToken cancellationToken)
    {
        var turn = await _locks.TakeAsync(aggregate, _heldStripes, cancellationToken);
        if (turn.Held)
        {
            _turns.Add(turn);
            _heldStripes.Add(turn.Stripe);
        }
    }

    private void ReleaseTurns()
    {
        foreach (var turn in _turns)
        {
            turn.Release();
        }

        _turns.Clear();
        _heldStripes.Clear();
    }

    /// <summary>
    /// After the commit: the streams this unit read whole and appended to are now known whole, so the next unit reads
    /// them from the cache. One appended to without reading it whole is not known: it is dropped.
    /// </summary>
    private void RememberStaged()
    {
        foreach (var (aggregate, staged) in _staged)
        {
            if (staged.Count > 0 && _read.TryGetValue(aggregate, out var read) && (read.Count == 0 ? Revision.Initial : read[^1].Revision) == _expected[aggregate])
            {
                _streams.Put(aggregate, [.. read, .. staged]);
            }
            else
            {
                _streams.Drop(aggregate);
            }
        }
    }

    // A failed commit may be a lost race: what this unit read of its streams may be old, so the retry reads the database.
    private void ForgetStaged()
    {
        foreach (var aggregate in _staged.Keys)
        {
            _streams.Drop(aggregate);
        }
    }

    private Exception Translate(DbUpdateException e)
    {
        switch (UniqueViolation.Classify(e))
        {
            case UniqueGuard.Inbox:
                var (consumer, messageId) = _inbox.First();
                if (e.Entries.Select(entry => entry.Entity).OfType<InboxRow>().FirstOrDefault() is { } inboxRow)
                {
                    (consumer, messageId) = (inboxRow.Consumer, inboxRow.MessageId);
                }

                return new DuplicateMessage(consumer, messageId);
            case UniqueGuard.Stream:
                var aggregate = _expected.Keys.First();
                foreach (var entry in e.Entries)
                {
                    if (entry.Entity is EventRow row)
                    {
                        aggregate = new AggregateId(row.AggregateType, row.AggregateKey);
                        break;
                    }
                }

                return new RevisionConflict(aggregate, _expected[aggregate], null);
            default:
                return e;
        }
    }

    private void EnsureOpen()
    {
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work has been committed; begin a new one.");
        }
    }
}
