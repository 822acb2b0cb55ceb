using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Internal;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Messaging;
using WeeEvents.Operator;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Operator;

/// <summary>
/// The operator's reads of the service's database: a conversation's events, outbox rows and inbox rows, and each read
/// model's checkpoint. Reads only; data and metadata beyond correlation, causation and actor are not returned.
/// </summary>
internal sealed class EfOperatorRecords(
    IDbContextFactory<WeeEventsDbContext> contexts,
    IEnumerable<ProjectionDescription> projections,
    IEnumerable<EntityStateType> entities,
    MessageRoutes? routes,
    TimeProvider time) : IOperatorRecords
{
    // The inbox is keyed by (consumer, message id): naming the routes that write it lets a message id be found through the key.
    private readonly string[] _consumers = [.. (routes?.Routes ?? []).Select(r => r.Name).Distinct(StringComparer.Ordinal)];

    // The stream index leads with the aggregate type: naming the types this service keeps lets a key be found through it.
    private readonly string[] _types = [.. entities.Select(e => e.EntityType).Distinct(StringComparer.Ordinal)];

    // A conversation is a handful of events per service; a cap keeps a mistaken id (a customer's, say) from reading a table.
    private const int MaxEventsPerId = 500;

    public async Task<ConversationPart> ConversationAsync(IReadOnlyCollection<string> ids, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(messageIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = new Dictionary<Guid, ConversationEvent>();
        foreach (var id in ids)
        {
            // By the indexed correlation column, or by the stream index (type, key) for the streams keyed by the id;
            // the parsed metadata decides (SQL Server's computed column may hold a cut-off prefix of a longer id).
            var candidates = _types.Length == 0
                ? db.Events.Where(e => e.CorrelationId == id || e.AggregateKey == id)
                : db.Events.Where(e => e.CorrelationId == id || (_types.Contains(e.AggregateType) && e.AggregateKey == id));
            var rows = await candidates.AsNoTracking()
                .OrderBy(e => e.Position).Take(MaxEventsPerId)
                .Select(e => new { e.EventId, e.AggregateType, e.AggregateKey, e.Revision, e.EventType, e.RecordedAt, e.Metadata })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var metadata = StoredJson.ReadMetadata(row.Metadata);
                if (row.AggregateKey == id || metadata.CorrelationId == id)
                {
                    events[row.EventId] = new ConversationEvent(row.EventId, new AggregateId(row.AggregateType, row.AggregateKey).ToString(), row.Revision, row.EventType, row.RecordedAt, metadata.CorrelationId, metadata.CausationId, metadata.Actor);
                }
            }
        }

        var eventIds = events.Keys.ToArray();
        var sent = await db.Outbox.AsNoTracking().Where(o => eventIds.Contains(o.MessageId)).OrderBy(o => o.Position)
            .Select(o => new SentMessage(o.MessageId, o.MessageType, o.CreatedAt, o.DispatchedAt, o.Attempts))
            .ToListAsync(cancellationToken);
        var causes = events.Values.Select(e => Guid.TryParse(e.CausationId, out var cause) ? cause : Guid.Empty).Where(g => g != Guid.Empty);
        var asked = messageIds.Concat(causes).Distinct().ToArray();
        var inbox = _consumers.Length == 0 ? db.Inbox.Where(i => asked.Contains(i.MessageId))
            : db.Inbox.Where(i => _consumers.Contains(i.Consumer) && asked.Contains(i.MessageId));
        var handled = await inbox.AsNoTracking()
            .Select(i => new HandledMessage(i.Consumer, i.MessageId, i.ReceivedAt))
            .ToListAsync(cancellationToken);
        return new ConversationPart(
            [.. events.Values.OrderBy(e => e.RecordedAt).ThenBy(e => e.Revision)],
            sent,
            [.. handled.OrderBy(h => h.ReceivedAt)]);
    }

    public async Task<IReadOnlyList<ProjectionProgress>> ProjectionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.Events.AsNoTracking().MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
        var progress = new List<ProjectionProgress>();
        foreach (var name in projections.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var checkpoint = await db.Checkpoints.AsNoTracking().Where(c => c.Name == name)
                .Select(c => new { c.Position, c.UpdatedAt }).SingleOrDefaultAsync(cancellationToken);
            var at = checkpoint?.Position ?? 0;
            // Positions are handed out at insert, not commit: "behind" counts by position, which is near enough here.
            var behind = at >= head ? 0 : await db.Events.AsNoTracking().LongCountAsync(e => e.Position > at, cancellationToken);
            var oldest = behind == 0 ? null : await db.Events.AsNoTracking().Where(e => e.Position > at)
                .OrderBy(e => e.Position).Select(e => (DateTimeOffset?)e.RecordedAt).FirstOrDefaultAsync(cancellationToken);
            var seconds = oldest is { } from ? Math.Max(0, (time.GetUtcNow() - from).TotalSeconds) : 0;
            progress.Add(new ProjectionProgress(name, at, head, behind, seconds, checkpoint?.UpdatedAt));
        }

        return progress;
    }

    public async Task<OutboxBacklog> OutboxBacklogAsync(CancellationToken cancellationToken)
    {
        // Both read the partial index of undispatched rows (ix_outbox_pending_stream): a handful of rows when all is well.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = db.Outbox.AsNoTracking().Where(o => o.DispatchedAt == null);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.MinAsync(o => (DateTimeOffset?)o.CreatedAt, cancellationToken);
        return new OutboxBacklog(count, oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : null);
    }
}
