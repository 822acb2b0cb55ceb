namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>inbox</c> table: a message a consumer has handled.</summary>
internal sealed class InboxRow
{
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
