namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>snapshots</c> table: one aggregate's state, folded up to a revision, in one state version.</summary>
internal sealed class SnapshotRow
{
    public required string AggregateType { get; set; }

    public required string AggregateKey { get; set; }

    public int StateVersion { get; set; }

    public long Revision { get; set; }

    public Guid EventId { get; set; }

    public required string State { get; set; }

    public DateTimeOffset TakenAt { get; set; }
}
