namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>outbox</c> table: a message to publish, and the relay's lease on it.</summary>
internal sealed class OutboxRow
{
    public long Position { get; set; }

    public Guid MessageId { get; set; }

    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public required string AggregateType { get; set; }

    public required string AggregateKey { get; set; }

    public long SourceRevision { get; set; }

    public required string Metadata { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The relay instance holding the lease, while one does.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the lease ends; after it another instance may claim the row.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }
}
