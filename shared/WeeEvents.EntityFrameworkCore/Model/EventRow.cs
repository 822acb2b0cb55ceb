namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>events</c> table.</summary>
internal sealed class EventRow
{
    /// <summary>The longest correlation id the column holds; a longer one (only a message header can carry it) is not indexed.</summary>
    public const int MaxCorrelationIdLength = 200;

    public long Position { get; set; }

    public Guid EventId { get; set; }

    public required string AggregateType { get; set; }

    public required string AggregateKey { get; set; }

    public long Revision { get; set; }

    public required string EventType { get; set; }

    public int SchemaVersion { get; set; }

    public required string Data { get; set; }

    public required string Metadata { get; set; }

    /// <summary>
    /// The metadata's correlation id, in a column of its own so a conversation is found through an index rather than by
    /// reading every row's metadata; null when there is none or it is longer than <see cref="MaxCorrelationIdLength"/>.
    /// </summary>
    public string? CorrelationId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
