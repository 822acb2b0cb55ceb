using WeeEvents.EntityFrameworkCore.Model;

namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>The rows one commit inserts: staged in memory until <see cref="CommitWriter"/> writes them together.</summary>
internal sealed class CommitRows
{
    public List<EventRow> Events { get; } = [];

    public List<InboxRow> Inbox { get; } = [];

    public List<OutboxRow> Outbox { get; } = [];

    public int Count => Events.Count + Inbox.Count + Outbox.Count;
}
