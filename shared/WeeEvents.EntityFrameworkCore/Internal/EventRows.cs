using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>The reads and row building shared by the event store and the unit of work.</summary>
internal static class EventRows
{
    /// <summary>
    /// The current-revision query, compiled once per model (EF Core binds a compiled query to one model, and a
    /// process may hold several providers' models — the tests do). The stream read is <see cref="StreamQuery"/>; where an append goes is the <see cref="StreamSession"/>'s business.
    /// </summary>
    private sealed class Queries
    {
        public readonly Func<WeeEventsDbContext, string, string, CancellationToken, Task<long?>> CurrentRevision =
            EF.CompileAsyncQuery((WeeEventsDbContext db, string type, string key, CancellationToken _) =>
                db.Events.Where(e => e.AggregateType == type && e.AggregateKey == key).Max(e => (long?)e.Revision));
    }

    private static readonly ConcurrentDictionary<IModel, Queries> ByModel = new();

    private static Queries For(WeeEventsDbContext db) => ByModel.GetOrAdd(db.Model, _ => new Queries());

    public static async Task<IReadOnlyList<RecordedEvent<JsonElement>>> LoadAsync(
        WeeEventsDbContext db, AggregateId aggregate, LoadOptions? options, IPersonalDataProtector? protector, CancellationToken cancellationToken)
    {
        var events = await StreamQuery.For(db).LoadAsync(db, aggregate, options?.AfterRevision?.Value ?? 0, options?.UpToRevision?.Value ?? long.MaxValue, cancellationToken);
        if (protector is not null)
        {
            for (var i = 0; i < events.Count; i++)
            {
                events[i] = events[i] with { Data = await protector.RevealAsync(events[i].Type, aggregate, events[i].Data, cancellationToken) };
            }
        }

        return events;
    }

    /// <summary>
    /// The data of <paramref name="events"/> as the store keeps it: personal fields encrypted, or the events' own data
    /// when nothing protects them.
    /// </summary>
    private static async Task<JsonElement[]?> ProtectAsync(
        IPersonalDataProtector? protector, AggregateId aggregate, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        if (protector is null)
        {
            return null;
        }

        var stored = new JsonElement[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            stored[i] = await protector.ProtectAsync(events[i].Type, aggregate, events[i].Data, cancellationToken);
        }

        return stored;
    }

    /// <summary>
    /// A mapped message as the outbox keeps it: its contract's personal fields encrypted, bound to the contract (its URN)
    /// rather than to the event they were mapped from, so a consumer decrypts them only where the contract declares them.
    /// </summary>
    private static async Task<OutboxMessage> ProtectAsync(IPersonalDataProtector? protector, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (protector is null || message.ContractType is not { } contract)
        {
            return message;
        }

        var classification = PersonalDataClassification.Of(contract);
        if (!classification.HasPersonalData)
        {
            return message;
        }

        var scope = new PersonalDataScope(classification, message.MessageType, message.Source.Encoded);
        return message with { Body = await protector.ProtectAsync(scope, message.Body, cancellationToken) };
    }

    public static async Task<Revision> CurrentRevisionAsync(WeeEventsDbContext db, AggregateId aggregate, CancellationToken cancellationToken) =>
        new(await For(db).CurrentRevision(db, aggregate.Type, aggregate.Key, cancellationToken) ?? 0);

    /// <summary>
    /// Stages the events' rows and their outbox rows in <paramref name="rows"/>, each with its personal fields encrypted
    /// when <paramref name="protector"/> is given; returns the events as they will be recorded (plain).
    /// </summary>
    public static async Task<RecordedEvent<JsonElement>[]> AddAsync(
        CommitRows rows,
        AggregateId aggregate,
        IReadOnlyList<DomainEvent> events,
        Revision after,
        EventMetadata metadata,
        DateTimeOffset now,
        IReadOnlyList<IOutboxMapper> mappers,
        IPersonalDataProtector? protector,
        CancellationToken cancellationToken)
    {
        var stored = await ProtectAsync(protector, aggregate, events, cancellationToken);
        var metadataJson = StoredJson.Write(metadata);
        var correlationId = metadata.CorrelationId is { Length: <= EventRow.MaxCorrelationIdLength } id ? id : null;
        var recorded = new RecordedEvent<JsonElement>[events.Count];
        var revision = after;
        for (var i = 0; i < events.Count; i++)
        {
            revision = revision.Next();
            var e = events[i];
            // The row holds the protected form; the caller gets the plain one back.
            var kept = stored?[i] ?? e.Data;
            var data = kept.GetRawText();
            var r = new RecordedEvent<JsonElement>(aggregate, Guid.CreateVersion7(now), revision, e.Type, e.SchemaVersion, now, e.Data.Clone(), metadata);
            recorded[i] = r;
            rows.Events.Add(new EventRow
            {
                EventId = r.EventId,
                AggregateType = aggregate.Type,
                AggregateKey = aggregate.Key,
                Revision = revision.Value,
                EventType = e.Type,
                SchemaVersion = e.SchemaVersion,
                Data = data,
                Metadata = metadataJson,
                CorrelationId = correlationId,
                RecordedAt = now,
            });
            foreach (var mapper in mappers)
            {
                // Mapped from the plain event and protected as the contract it is, so a value is bound to where it is
                // read; a mapper that names no contract is given the event as stored.
                foreach (var message in mapper.Map(stored is null || mapper.DeclaresContracts ? r : r with { Data = kept }))
                {
                    rows.Outbox.Add(OutboxRows.From(await ProtectAsync(protector, message, cancellationToken)));
                }
            }
        }

        return recorded;
    }
}
