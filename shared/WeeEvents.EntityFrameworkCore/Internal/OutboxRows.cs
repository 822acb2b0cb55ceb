using WeeEvents.EntityFrameworkCore.Model;
using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>Converts outbox messages to rows and back.</summary>
internal static class OutboxRows
{
    public static OutboxRow From(OutboxMessage message) => new()
    {
        MessageId = message.MessageId,
        MessageType = message.MessageType,
        Body = message.Body,
        AggregateType = message.Source.Type,
        AggregateKey = message.Source.Key,
        SourceRevision = message.SourceRevision.Value,
        Metadata = StoredJson.Write(message.Metadata),
        CreatedAt = message.CreatedAt.ToUniversalTime(),
    };

    public static ClaimedOutboxMessage ToClaimed(OutboxRow row) => new(
        row.Position,
        new OutboxMessage(
            row.MessageId,
            row.MessageType,
            row.Body,
            new AggregateId(row.AggregateType, row.AggregateKey),
            new Revision(row.SourceRevision),
            StoredJson.ReadMetadata(row.Metadata),
            row.CreatedAt),
        row.Attempts);
}
