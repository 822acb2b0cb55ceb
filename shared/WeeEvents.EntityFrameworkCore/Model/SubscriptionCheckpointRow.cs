namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>subscription_checkpoints</c> table: how far one subscription has read the events.</summary>
internal sealed class SubscriptionCheckpointRow
{
    public required string Name { get; set; }

    /// <summary>The commit order of the last event handled (0 on SQLite, where the position is the commit order).</summary>
    public long CommitOrder { get; set; }

    /// <summary>The position of the last event handled.</summary>
    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
