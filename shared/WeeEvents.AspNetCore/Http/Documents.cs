using System.Text.Json;

namespace WeeEvents.AspNetCore.Http;

/// <summary>An aggregate id on the wire.</summary>
/// <param name="Type">The entity type, for example <c>account</c>.</param>
/// <param name="Key">The aggregate's key within its type.</param>
/// <param name="Id">The encoded id, <c>type.key</c>.</param>
public sealed record AggregateDocument(string Type, string Key, string Id)
{
    /// <summary>The document of <paramref name="aggregate"/>.</summary>
    public static AggregateDocument From(AggregateId aggregate) => new(aggregate.Type, aggregate.Key, aggregate.Encoded);
}

/// <summary>An entity as <c>GET /{type}/{key}</c> and every command return it.</summary>
/// <param name="Aggregate">Which aggregate.</param>
/// <param name="Type">The entity type.</param>
/// <param name="Revision">The revision the state is at (also the response's <c>ETag</c>).</param>
/// <param name="State">The state, its case named by its discriminator (for example <c>"status": "open"</c>).</param>
public sealed record EntityDocument<TState>(AggregateDocument Aggregate, string Type, long Revision, TState State)
{
    /// <summary>The document of <paramref name="entity"/>.</summary>
    public static EntityDocument<TState> From(Entity<TState> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new(AggregateDocument.From(entity.Aggregate), entity.Type, entity.Revision.Value, entity.State);
    }
}

/// <summary>One recorded event on the wire.</summary>
/// <param name="EventId">The event's id (time-ordered).</param>
/// <param name="Revision">The stream's revision after the event.</param>
/// <param name="Type">The event type name.</param>
/// <param name="SchemaVersion">The schema version of its data.</param>
/// <param name="Timestamp">When it was recorded.</param>
/// <param name="Data">Its data, as stored.</param>
/// <param name="Metadata">Correlation, causation, trace context, actor and idempotency key.</param>
public sealed record EventDocument(
    Guid EventId,
    long Revision,
    string Type,
    int SchemaVersion,
    DateTimeOffset Timestamp,
    JsonElement Data,
    EventMetadata Metadata)
{
    /// <summary>The document of <paramref name="recorded"/>.</summary>
    public static EventDocument From(RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(recorded.EventId, recorded.Revision.Value, recorded.Type, recorded.SchemaVersion, recorded.Timestamp, recorded.Data, recorded.Metadata);
    }
}

/// <summary>A page of an aggregate's events, as <c>GET /{type}/{key}/events</c> returns it.</summary>
/// <param name="Aggregate">Which aggregate.</param>
/// <param name="Events">The events, in revision order.</param>
/// <param name="NextAfter">The <c>after</c> value of the next page, or null when this page reaches the end of the stream.</param>
public sealed record EventPage(AggregateDocument Aggregate, IReadOnlyList<EventDocument> Events, long? NextAfter);
