using System.Text.Json;

namespace WeeEvents;

/// <summary>An event as recorded in an aggregate's stream.</summary>
/// <typeparam name="TData">The data: <see cref="JsonElement"/> as stored, or the event's own record once read.</typeparam>
/// <param name="Aggregate">The aggregate the event belongs to.</param>
/// <param name="EventId">The event's id, time-ordered (UUIDv7); also the message id of what is published from it.</param>
/// <param name="Revision">The stream's revision after this event.</param>
/// <param name="Type">The event type name.</param>
/// <param name="SchemaVersion">The schema version the data was written with.</param>
/// <param name="Timestamp">When the event was recorded.</param>
/// <param name="Data">The event data.</param>
/// <param name="Metadata">Correlation, causation, trace context, actor and idempotency key.</param>
public sealed record RecordedEvent<TData>(
    AggregateId Aggregate,
    Guid EventId,
    Revision Revision,
    string Type,
    int SchemaVersion,
    DateTimeOffset Timestamp,
    TData Data,
    EventMetadata Metadata)
{
    /// <summary>The same event with other data (used when reading stored JSON as a typed record).</summary>
    public RecordedEvent<TOther> WithData<TOther>(TOther data) =>
        new(Aggregate, EventId, Revision, Type, SchemaVersion, Timestamp, data, Metadata);
}

/// <summary>Helpers for recorded events in their stored form.</summary>
public static class RecordedEvent
{
    /// <summary>The event with its data read as <typeparamref name="TData"/>.</summary>
    public static RecordedEvent<TData> As<TData>(this RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var data = recorded.Data.Deserialize<TData>(WeeEventsJson.Options)
            ?? throw new JsonException($"Event {recorded.Type} at {recorded.Aggregate}@{recorded.Revision} has null data.");
        return recorded.WithData(data);
    }
}
