using WeeEvents.OperationsConsole.Conversations;
using WeeEvents.Operator;
using WeeEvents.ParkedMessages;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>
/// Where a conversation is, from the services' records alone (no services run): what stopped it, what is coming and its
/// last step, as the conversation page's "Where it is" tells an operator.
/// </summary>
public sealed class ConversationTests
{
    private const string OrderPlaced = "urn:message:weeevents:order:order-placed:v1";
    private const string StockReserved = "urn:message:weeevents:inventory:stock-reserved:v1";
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly NoDeadlines None = [];

    [Fact]
    public void The_last_message_sent_that_no_route_handled_is_where_the_conversation_stopped()
    {
        var placed = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part([Event(placed, "order.o-1", "order-placed", Noon)], [Sent(placed, OrderPlaced, Noon, Noon.AddSeconds(1))]),
            ["inventory"] = Part([], []),
        };

        var conversation = Conversation.From(["o-1"], parts, [], new Dictionary<string, string>());

        Assert.Equal(placed, conversation.Unhandled?.Id);
        var line = Assert.Single(WhereItIs.Of(conversation, None, "o-1"), l => l.Kind == WhereKind.Unhandled);
        Assert.Equal("Not handled: weeevents:order:order-placed:v1 sent by order at 2026-12-07 12:00:01.000, not handled by anyone yet.", line.Text);
    }

    [Fact]
    public void A_message_a_route_handled_is_not_called_out_and_the_latest_unhandled_one_is()
    {
        var placed = Guid.NewGuid();
        var reserved = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part([Event(placed, "order.o-2", "order-placed", Noon)], [Sent(placed, OrderPlaced, Noon, Noon.AddSeconds(1))]),
            ["inventory"] = Part(
                [Event(reserved, "inventory-item.sku-1", "stock-reserved", Noon.AddSeconds(2), causation: placed)],
                [Sent(reserved, StockReserved, Noon.AddSeconds(2), Noon.AddSeconds(3))],
                [new HandledMessage("inventory.reserve-stock", placed, Noon.AddSeconds(2))]),
        };

        var stopped = Conversation.From(["o-2"], parts, [], new Dictionary<string, string>());
        Assert.Equal(reserved, stopped.Unhandled?.Id);
        Assert.Equal("inventory", stopped.Unhandled?.Service);

        // Once Payment handles the reservation, every message sent has been handled: nothing is called out.
        parts["payment"] = Part([], [], [new HandledMessage("payment.charge", reserved, Noon.AddSeconds(4))]);
        var moving = Conversation.From(["o-2"], parts, [], new Dictionary<string, string>());
        Assert.Null(moving.Unhandled);
        Assert.DoesNotContain(WhereItIs.Of(moving, None, "o-2"), l => l.Kind == WhereKind.Unhandled);
        Assert.Equal(WhereKind.LastStep, WhereItIs.Of(moving, None, "o-2")[^1].Kind);
    }

    [Fact]
    public void A_parked_message_a_message_in_an_outbox_and_a_deadline_are_told_first_and_the_parked_one_not_as_unhandled()
    {
        var placed = Guid.NewGuid();
        var cancelled = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part(
                [Event(placed, "order.o-3", "order-placed", Noon), Event(cancelled, "order.o-3", "order-cancelled", Noon.AddSeconds(5))],
                [Sent(placed, OrderPlaced, Noon, Noon.AddSeconds(1)), Sent(cancelled, "urn:message:weeevents:order:order-cancelled:v1", Noon.AddSeconds(5), null)]),
        };
        var parked = new ParkedMessage("shipping.note-address_error", placed.ToString(), OrderPlaced, "Npgsql.PostgresException", "relation \"events\" does not exist", Noon.AddSeconds(2))
        {
            CorrelationId = "o-3",
        };
        var deadline = new UpcomingDeadline("order.o-3", "the order is cancelled", Noon.AddMinutes(30));

        var conversation = Conversation.From(["o-3"], parts, [parked], new Dictionary<string, string>());
        var lines = WhereItIs.Of(conversation, [("order", deadline)], "o-3");

        Assert.Null(conversation.Unhandled); // the one message sent is parked: said once, as parked
        Assert.Equal([WhereKind.Parked, WhereKind.Waiting, WhereKind.Deadline, WhereKind.LastStep], lines.Select(l => l.Kind));
        Assert.Contains("is parked in shipping.note-address_error (Npgsql.PostgresException", lines[0].Text, StringComparison.Ordinal);
        Assert.Equal($"failed/message?queue=shipping.note-address_error&id={placed}", lines[0].Link);
        Assert.Equal("Waiting: urn:message:weeevents:order:order-cancelled:v1 is still in order's outbox.", lines[1].Text);
        Assert.Equal("Coming: order's deadline for order.o-3 at 2026-12-07 12:30:00.000: the order is cancelled.", lines[2].Text);
    }

    [Fact]
    public void A_conversation_no_service_knows_says_so()
    {
        var conversation = Conversation.From(["nobody"], new Dictionary<string, ConversationPart> { ["order"] = Part([], []) }, [], new Dictionary<string, string>());

        Assert.Equal([new WhereLine(WhereKind.Unknown, "No service has a record of nobody.")], WhereItIs.Of(conversation, None, "nobody"));
    }

    private static ConversationPart Part(ConversationEvent[] events, SentMessage[] sent, HandledMessage[]? handled = null) => new(events, sent, handled ?? []);

    private static ConversationEvent Event(Guid id, string aggregate, string type, DateTimeOffset at, Guid? causation = null) =>
        new(id, aggregate, 1, type, at, "o", causation?.ToString(), "svc");

    private static SentMessage Sent(Guid id, string type, DateTimeOffset created, DateTimeOffset? dispatched) => new(id, type, created, dispatched, dispatched is null ? 0 : 1);

    private sealed class NoDeadlines : List<(string Service, UpcomingDeadline Deadline)>;
}
