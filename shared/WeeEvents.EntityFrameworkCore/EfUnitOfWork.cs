using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.EntityFrameworkCore.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// One message handler's writes on one context: appends, the inbox row and outbox rows are only staged
/// until <see cref="CommitAsync"/>, which writes them all in one transaction and, on PostgreSQL, one round trip
/// (<see cref="CommitWriter"/>). Reads before the commit take no locks: the unique stream index and the
/// inbox key catch whoever commits second, which then fails as a whole. Its streams are the
/// <see cref="UnitStreams"/> of the storage's <see cref="StreamSession"/>.
/// </summary>
internal sealed class EfUnitOfWork : IUnitOfWork, IInboxWithoutLookup
{
    private readonly WeeEventsDbContext _db;
    private readonly IReadOnlyList<IOutboxMapper> _mappers;
    private readonly EfOutboxStore _outbox;
    private readonly TimeProvider _time;
    private readonly UnitStreams _streams;
    private readonly SnapshotWriter _snapshots;
    private readonly List<Snapshot> _offered = [];
    private readonly CommitRows _rows = new();
    private bool _committed;

    private readonly WeeEvents.Protection.IPersonalDataProtector? _protector;

    public EfUnitOfWork(WeeEventsDbContext db, IReadOnlyList<IOutboxMapper> mappers, EfOutboxStore outbox, TimeProvider time, UnitStreams streams, SnapshotWriter snapshots, WeeEvents.Protection.IPersonalDataProtector? protector = null)
    {
        _snapshots = snapshots;
        _protector = protector;
        _db = db;
        _mappers = mappers;
        _outbox = outbox;
        _time = time;
        _streams = streams;
        Events = new UnitOfWorkEventStore(this);
    }

    public IEventStore Events { get; }

    public async Task<bool> TryRecordHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        if (await WasHandledAsync(consumer, messageId, cancellationToken))
        {
            return false;
        }

        RecordHandledWithoutLookup(consumer, messageId);
        return true;
    }

    public void RecordHandledWithoutLookup(string consumer, Guid messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        EnsureOpen();
        if (!_rows.Inbox.Any(i => i.Consumer == consumer && i.MessageId == messageId))
        {
            _rows.Inbox.Add(new InboxRow { Consumer = consumer, MessageId = messageId, ReceivedAt = StoreClock.Now(_time) });
        }
    }

    public Task<bool> WasHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return _db.Inbox.AsNoTracking().AnyAsync(i => i.Consumer == consumer && i.MessageId == messageId, cancellationToken);
    }

    public void Enqueue(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureOpen();
        _rows.Outbox.Add(OutboxRows.From(message));
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        await _streams.ProveAsync(_db, cancellationToken);
        var relay = _outbox.LeaseToRelay(_rows.Outbox, StoreClock.Now(_time));
        try
        {
            await CommitWriter.WriteAsync(_db, _rows, cancellationToken);
        }
        catch (Exception e)
        {
            _streams.Failed();
            if (await TranslateAsync(e, cancellationToken) is { } translated)
            {
                throw translated;
            }

            throw;
        }

        _committed = true;
        // Before the streams learn of the commit: a later commit of the same aggregate in this process cannot start from
        // it before the relay has it, so the relay hears an aggregate's commits in order.
        EfOutboxStore.HandOver(relay, _rows.Outbox);
        _streams.Committed();
        // Only now do the events the snapshots fold exist for anyone else.
        foreach (var snapshot in _offered)
        {
            _snapshots.Offer(snapshot);
        }
    }

    // Nothing reaches the database before CommitAsync, so disposing without it is the rollback.
    public ValueTask DisposeAsync()
    {
        _streams.Dispose();
        return _db.DisposeAsync();
    }

    internal async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(
        AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        EnsureOpen();
        var after = await _streams.AppendAfterAsync(_db, aggregate, options.ExpectedRevision, events.Count > 0, cancellationToken);
        if (events.Count == 0)
        {
            return [];
        }

        var recorded = await EventRows.AddAsync(_rows, aggregate, events, after, options.Metadata, StoreClock.Now(_time), _mappers, _protector, cancellationToken);
        _streams.Stage(aggregate, after, recorded);
        return recorded;
    }

    internal Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options, CancellationToken cancellationToken)
    {
        EnsureOpen();
        return _streams.LoadAsync(_db, aggregate, options, cancellationToken);
    }

    internal async Task<Snapshot?> LatestSnapshotAsync(AggregateId aggregate, int stateVersion, Revision upTo, CancellationToken cancellationToken)
    {
        EnsureOpen();
        return await SnapshotRows.LatestAsync(_db, aggregate, stateVersion, upTo, cancellationToken);
    }

    /// <summary>Keeps <paramref name="snapshot"/> for the writer until the commit; a unit disposed without one drops it.</summary>
    internal void OfferSnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_committed)
        {
            _offered.Add(snapshot);
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
                var inboxRow = entries.OfType<InboxRow>().FirstOrDefault() ?? _rows.Inbox[0];
                return new DuplicateMessage(inboxRow.Consumer, inboxRow.MessageId);
            case UniqueGuard.Stream:
                var aggregate = entries.OfType<EventRow>().FirstOrDefault() is { } row
                    ? new AggregateId(row.AggregateType, row.AggregateKey)
                    : await ContestedAsync(cancellationToken);
                _streams.Contested(aggregate);
                return new RevisionConflict(aggregate, _streams.AfterOf(aggregate), null);
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
        var appended = _streams.Appended.ToList();
        if (appended.Count > 1)
        {
            foreach (var (aggregate, after) in appended)
            {
                if (await EventRows.CurrentRevisionAsync(_db, aggregate, cancellationToken) != after)
                {
                    return aggregate;
                }
            }
        }

        return appended[0].Aggregate;
    }

    private void EnsureOpen()
    {
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work has been committed; begin a new one.");
        }
    }
}
