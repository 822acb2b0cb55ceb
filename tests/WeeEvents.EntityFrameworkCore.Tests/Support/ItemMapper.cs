using System.Text.Json;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Tests.Support;

/// <summary>Publishes every <c>item-added</c> event as an integration message; ignores the rest.</summary>
public sealed class ItemMapper : IOutboxMapper
{
    public const string EventType = "item-added";
    public const string MessageType = "urn:message:WeeEvents.Tests:ItemAdded";

    public IEnumerable<OutboxMessage> Map(RecordedEvent<JsonElement> recorded)
    {
        if (recorded.Type == EventType)
        {
            yield return new OutboxMessage(recorded.EventId, MessageType, recorded.Data.GetRawText(), recorded.Aggregate, recorded.Revision, recorded.Metadata, recorded.Timestamp);
        }
    }

    public static DomainEvent Item(int n) => DomainEvent.Create(EventType, new { n });

    public static DomainEvent Note(string text) => DomainEvent.Create("note-taken", new { text });
}
