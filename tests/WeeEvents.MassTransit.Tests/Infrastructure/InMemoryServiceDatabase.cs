using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>
/// One service's database in memory, transactional the way the durable stores are: a unit of work's inbox row,
/// appends and outbox rows commit together or not at all; outbox claims keep per-aggregate order across relays.
/// Lives longer than any host using it, so a host can "crash" and restart on the same data.
/// </summary>
public sealed class InMemoryServiceDatabase(IOutboxMapper mapper) : IUnitOfWorkFactory, ITestStorage
{
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly Dictionary<AggregateId, List<RecordedEvent<JsonElement>>> _streams = [];
    private readonly SortedDictionary<long, OutboxRow> _outbox = [];
    private readonly HashSet<(string Consumer, Guid MessageId)> _inbox = [];
    private long _nextPosition = 1;

    // The relays subscribed to commits, one per running host; a commit hands its rows to the first, claimed for it.
    private readonly List<(string Instance, Action<IReadOnlyList<ClaimedOutboxMessage>> Committed)> _relays = [];

    /// <summary>An event store that commits each append on its own (the path of an HTTP command).</summary>
    public IEventStore Events => new DirectStore(this);

    public IOutboxStore OutboxFor(string instance) => new Outbox(this, instance);

    public IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public void Register(IServiceCollection services, string instance)
    {
        services.AddSingleton<IUnitOfWorkFactory>(this);
        services.AddSingleton<IEventStore>(Events);
        services.AddSingleton(OutboxFor(instance));
    }

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IUnitOfWork>(new UnitOfWork(this));

    public IReadOnlyList<RecordedEvent<JsonElement>> Stream(AggregateId aggregate)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(aggregate, out var s) ? s.ToArray() : [];
        }
    }

    public IReadOnlyList<OutboxMessage> OutboxMessages()
    {
        lock (_gate)
        {
            return _outbox.Values.Select(r => r.Message).ToArray();
        }
    }

    public bool InboxHas(string consumer, Guid messageId)
    {
        lock (_gate)
        {
            return _inbox.Contains((consumer, messageId));
        }
    }

    public int DispatchedBy(string instance)
    {
        lock (_gate)
        {
            return _outbox.Values.Count(r => r.DispatchedBy == instance);
        }
    }

    public long Pending()
    {
        lock (_gate)
        {
            return _outbox.Values.Count(r => r.DispatchedAt is null);
        }
    }

    private void Commit(IReadOnlyList<(AggregateId Aggregate, Revision Expected, List<RecordedEvent<JsonElement>> Events)> appends, IReadOnlyList<(string, Guid)> inbox, IReadOnlyList<OutboxMessage> enqueued)
    {
        var written = new List<long>();
        Action<IReadOnlyList<ClaimedOutboxMessage>>? relay = null;
        List<ClaimedOutboxMessage> handedOver = [];
        lock (_gate)
        {
            foreach (var row in inbox)
            {
                if (_inbox.Contains(row))
                {
                    throw new DuplicateMessage(row.Item1, row.Item2);
                }
            }

            foreach (var (aggregate, expected, _) in appends)
            {
                var current = new Revision(_streams.TryGetValue(aggregate, out var s) ? s.Count : 0);
                if (current != expected)
                {
                    throw new RevisionConflict(aggregate, expected, current);
                }
            }

            foreach (var row in inbox)
            {
                _inbox.Add(row);
            }

            foreach (var (aggregate, _, events) in appends)
            {
                if (!_streams.TryGetValue(aggregate, out var stream))
                {
                    _streams[aggregate] = stream = [];
                }

                stream.AddRange(events);
                foreach (var message in events.SelectMany(mapper.Map))
                {
                    written.Add(_nextPosition);
                    _outbox[_nextPosition++] = new OutboxRow(message);
                }
            }

            foreach (var message in enqueued)
            {
                written.Add(_nextPosition);
                _outbox[_nextPosition++] = new OutboxRow(message);
            }

            // As the durable store does: with a relay subscribed, the rows are written claimed by its instance.
            if (written.Count > 0 && _relays.Count > 0)
            {
                var (instance, committed) = _relays[0];
                relay = committed;
                foreach (var position in written)
                {
                    var row = _outbox[position];
                    row.ClaimedBy = instance;
                    row.ClaimedAt = DateTimeOffset.UtcNow;
                    handedOver.Add(new ClaimedOutboxMessage(position, row.Message, row.Attempts));
                }
            }
        }

        relay?.Invoke(handedOver);
    }

    private sealed class OutboxRow(OutboxMessage message)
    {
        public OutboxMessage Message { get; } = message;

        public string? ClaimedBy { get; set; }

        public DateTimeOffset ClaimedAt { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset? DispatchedAt { get; set; }

        public string? DispatchedBy { get; set; }
    }

    private sealed class UnitOfWork(InMemoryServiceDatabase db) : IUnitOfWork, IEventStore
    {
        private readonly List<(AggregateId Aggregate, Revision Expected, List<RecordedEvent<JsonElement>> Events)> _appends = [];
        private readonly List<(string, Guid)> _inbox = [];
        private readonly List<OutboxMessage> _enqueued = [];
        private bool _done;

        public IEventStore Events => this;

        public Task<bool> WasHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken) =>
            Task.FromResult(db.InboxHas(consumer, messageId));

        public Task<bool> TryRecordHandledAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
        {
            if (db.InboxHas(consumer, messageId))
            {
                return Task.FromResult(false);
            }

            if (!_inbox.Contains((consumer, messageId)))
            {
                _inbox.Add((consumer, messageId));
            }

            return Task.FromResult(true);
        }

        public void Enqueue(OutboxMessage message) => _enqueued.Add(message);

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            _done = true;
            db.Commit(_appends, _inbox, _enqueued);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
        {
            var committed = db.Stream(aggregate);
            var staged = _appends.Where(a => a.Aggregate == aggregate).SelectMany(a => a.Events).ToList();
            var current = new Revision(committed.Count + staged.Count);
            if (!options.ExpectedRevision.IsMetBy(current))
            {
                throw new RevisionConflict(aggregate, options.ExpectedRevision.Revision!.Value, current);
            }

            var now = DateTimeOffset.UtcNow;
            var revision = current;
            var recorded = events.Select(e =>
            {
                revision = revision.Next();
                return new RecordedEvent<JsonElement>(aggregate, Guid.CreateVersion7(now), revision, e.Type, e.SchemaVersion, now, e.Data.Clone(), options.Metadata);
            }).ToList();
            _appends.Add((aggregate, current, recorded));
            return Task.FromResult<IReadOnlyList<RecordedEvent<JsonElement>>>(recorded);
        }

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default)
        {
            var all = db.Stream(aggregate).Concat(_appends.Where(a => a.Aggregate == aggregate).SelectMany(a => a.Events));
            var from = options?.AfterRevision?.Value ?? 0;
            var to = options?.UpToRevision?.Value ?? long.MaxValue;
            return Task.FromResult<IReadOnlyList<RecordedEvent<JsonElement>>>(all.Where(e => e.Revision.Value > from && e.Revision.Value <= to).ToArray());
        }

        public ValueTask DisposeAsync()
        {
            _done = true; // without a commit, nothing staged ever reaches the database
            return ValueTask.CompletedTask;
        }
    }

    private sealed class DirectStore(InMemoryServiceDatabase db) : IEventStore
    {
        public async Task<IReadOnlyList<RecordedEvent<JsonElement>>> AppendAsync(AggregateId aggregate, IReadOnlyList<DomainEvent> events, AppendOptions options, CancellationToken cancellationToken = default)
        {
            await using var unitOfWork = new UnitOfWork(db);
            var recorded = await unitOfWork.AppendAsync(aggregate, events, options, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
            return recorded;
        }

        public Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(AggregateId aggregate, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
            new UnitOfWork(db).LoadAsync(aggregate, options, cancellationToken);
    }

    private sealed class Outbox(InMemoryServiceDatabase db, string instance) : IOutboxStore
    {
        public Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            var claimed = new List<ClaimedOutboxMessage>();
            lock (db._gate)
            {
                var blocked = new HashSet<AggregateId>();
                foreach (var (position, row) in db._outbox)
                {
                    if (claimed.Count == maxCount)
                    {
                        break;
                    }

                    if (row.DispatchedAt is not null || blocked.Contains(row.Message.Source))
                    {
                        continue;
                    }

                    if (row.ClaimedBy is not null && now - row.ClaimedAt < ClaimLease)
                    {
                        blocked.Add(row.Message.Source); // an earlier row of this aggregate is in flight
                        continue;
                    }

                    row.ClaimedBy = instance;
                    row.ClaimedAt = now;
                    claimed.Add(new ClaimedOutboxMessage(position, row.Message, row.Attempts));
                }
            }

            return Task.FromResult<IReadOnlyList<ClaimedOutboxMessage>>(claimed);
        }

        public Task MarkDispatchedAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
        {
            lock (db._gate)
            {
                foreach (var p in positions)
                {
                    var row = db._outbox[p];
                    row.DispatchedAt = DateTimeOffset.UtcNow;
                    row.DispatchedBy = instance;
                    row.ClaimedBy = null;
                }
            }

            return Task.CompletedTask;
        }

        public Task ReleaseAsync(IReadOnlyCollection<long> positions, CancellationToken cancellationToken)
        {
            lock (db._gate)
            {
                foreach (var p in positions)
                {
                    var row = db._outbox[p];
                    row.ClaimedBy = null;
                    row.Attempts++;
                }
            }

            return Task.CompletedTask;
        }

        public Task<long> CountPendingAsync(CancellationToken cancellationToken) => Task.FromResult(db.Pending());

        public IDisposable SubscribeToCommits(Action<IReadOnlyList<ClaimedOutboxMessage>> committed)
        {
            var relay = (instance, committed);
            lock (db._gate)
            {
                db._relays.Add(relay);
            }

            return new Unsubscribe(db, relay);
        }

        private sealed class Unsubscribe(InMemoryServiceDatabase db, (string, Action<IReadOnlyList<ClaimedOutboxMessage>>) relay) : IDisposable
        {
            public void Dispose()
            {
                lock (db._gate)
                {
                    db._relays.Remove(relay);
                }
            }
        }
    }
}
