namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>events</c> table.</summary>
internal sealed class EventRow
{
    public long Position { get; set; }

    public Guid EventId { get; set; }

    public required string AggregateType { get; set; }

    public required string AggregateKey { get; set; }

    public long Revision { get; set; }

    public required string EventType { get; set; }

    public int SchemaVersion { get; set; }

    public required string Data { get; set; }

    public required string Metadata { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
