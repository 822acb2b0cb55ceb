using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// One message handler's writes on one context: appends, the inbox row and outbox rows are only staged
/// until <see cref="CommitAsync"/>, which writes them all in one transaction and, on PostgreSQL, one round trip
/// (<see cref="CommitWriter"/>). Reads before the commit take no locks: the unique stream index and the
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
    private readonly CommitRows _rows = new();
    private readonly HashSet<AggregateId> _assumedNew = [];
    private bool _assumeUnknownNew;
    private bool _committed;

    public EfUnitOfWork(WeeEventsDbContext db, IReadOnlyList<IOutboxMapper> mappers, CommitDispatch dispatch, TimeProvider time, StreamCache streams, StreamLocks locks)
    {
        _db = db;
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

        _rows.Inbox.Add(new InboxRow { Consumer = consumer, MessageId = messageId, ReceivedAt = StoreClock.Now(_time) });
        return true;
    }

    public void RecordInbox(string consumer, Guid messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        EnsureOpen();
        if (_inbox.Add((consumer, messageId)))
        {
            _rows.Inbox.Add(new InboxRow { Consumer = consumer, MessageId = messageId, ReceivedAt = StoreClock.Now(_time) });
        }
    }

    public void AssumeUnknownStreamsNew() => _assumeUnknownNew = true;

    public void Enqueue(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureOpen();
        _rows.Outbox.Add(OutboxRows.From(message));
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        await CheckAssumedNewAsync(cancellationToken);
        using var pending = _dispatch.Begin(_rows.Outbox, StoreClock.Now(_time));
        try
        {
            await CommitWriter.WriteAsync(_db, _rows, cancellationToken);
        }
        catch (Exception e)
        {
            ForgetStaged();
            if (await TranslateAsync(e, cancellationToken) is { } translated)
            {
                throw translated;
            }

            throw;
        }

        _committed = true;
        RememberStaged();
        ReleaseTurns();
        _dispatch.Committed(pending, _rows.Outbox);
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

        var recorded = EventRows.Add(_rows, aggregate, events, after, options.Metadata, StoreClock.Now(_time), _mappers);
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
            else if (_assumeUnknownNew && options is null)
            {
                // Taken as new, unread: CheckAssumedNewAsync or the stream's unique index proves it at commit.
                _assumedNew.Add(aggregate);
                _read[aggregate] = stored = [];
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

    /// <summary>
    /// Before writing: a stream taken as new (see <see cref="AssumeUnknownStreamsNew"/>) and appended to is proven new by
    /// its unique index at the first revision; one only read is read now. Found not new, the unit fails as a lost race,
    /// and the stream is cached for the next try.
    /// </summary>
    private async Task CheckAssumedNewAsync(CancellationToken cancellationToken)
    {
        foreach (var aggregate in _assumedNew)
        {
            if (_staged.ContainsKey(aggregate))
            {
                continue;
            }

            var stored = await EventRows.LoadAsync(_db, aggregate, null, cancellationToken);
            if (stored.Count > 0)
            {
                _streams.Put(aggregate, stored);
                throw new RevisionConflict(aggregate, Revision.Initial, stored[^1].Revision);
            }
        }
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

    /// <summary>A lost race as the domain names it: a duplicate message or a revision conflict; null for any other failure.</summary>
    private async Task<Exception?> TranslateAsync(Exception e, CancellationToken cancellationToken)
    {
        var entries = e is DbUpdateException update ? update.Entries.Select(entry => entry.Entity).ToList() : [];
        switch (UniqueViolation.Classify(e))
        {
            case UniqueGuard.Inbox:
                // With one inbox row (every consumer's case) it is that one; SaveChanges may name it when there are more.
                var (consumer, messageId) = entries.OfType<InboxRow>().FirstOrDefault() is { } inboxRow
                    ? (inboxRow.Consumer, inboxRow.MessageId)
                    : _inbox.First();
                return new DuplicateMessage(consumer, messageId);
            case UniqueGuard.Stream:
                var aggregate = entries.OfType<EventRow>().FirstOrDefault() is { } row
                    ? new AggregateId(row.AggregateType, row.AggregateKey)
                    : await ContestedAsync(cancellationToken);
                return new RevisionConflict(aggregate, _expected[aggregate], null);
            default:
                return null;
        }
    }

    /// <summary>
    /// Which of the appended streams another writer got to first. A single-statement insert of several streams does not
    /// say, so the streams are asked for their revision: a query per stream, only after a lost race of a unit that
    /// appended to more than one.
    /// </summary>
    private async Task<AggregateId> ContestedAsync(CancellationToken cancellationToken)
    {
        if (_expected.Count > 1)
        {
            foreach (var (aggregate, expected) in _expected)
            {
                if (await EventRows.CurrentRevisionAsync(_db, aggregate, cancellationToken) != expected)
                {
                    return aggregate;
                }
            }
        }

        return _expected.Keys.First();
    }

    private void EnsureOpen()
    {
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work has been committed; begin a new one.");
        }
    }
}
