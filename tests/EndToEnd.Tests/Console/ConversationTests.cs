using WeeEvents.Admin;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.OperationsConsole.Conversations;
using WeeEvents.Operator;
using WeeEvents.ParkedMessages;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>
/// Where a conversation is, from the services' records alone (no services run): what stopped it, what is coming and its
/// last step, as the conversation page's "Where it is" tells an operator. A message sent is checked against the routes
/// of the four services as they declare them (what their <c>GET /operator/routes</c> answer).
/// </summary>
public sealed class ConversationTests
{
    private const string OrderPlaced = "urn:message:weeevents:order:order-placed:v1";
    private const string StockReserved = "urn:message:weeevents:inventory:stock-reserved:v1";
    private const string OrderCompleted = "urn:message:weeevents:order:order-completed:v1";
    private static readonly IReadOnlyList<RouteContract> Routes = RouteContracts.Of(Fleet.Routes, MessageTypeRegistry.UrnOf).Routes;
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly NoDeadlines None = [];

    [Fact]
    public void A_message_sent_that_no_route_consuming_it_handled_is_where_the_conversation_stopped()
    {
        var placed = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part([Event(placed, "order.o-1", "order-placed", Noon)], [Sent(placed, OrderPlaced, Noon, Noon.AddSeconds(1))]),
            ["inventory"] = Part([], []),
        };

        var conversation = Conversation.From(["o-1"], parts, [], Routes, new Dictionary<string, string>());

        var unhandled = Assert.Single(conversation.Unhandled);
        Assert.Equal(placed, unhandled.Sent.Id);
        var line = Assert.Single(WhereItIs.Of(conversation, None, "o-1"), l => l.Kind == WhereKind.Unhandled);
        Assert.Equal("Not handled: weeevents:order:order-placed:v1 sent by order at 2026-12-07 12:00:01.000, " +
            "not yet handled by inventory.reserve-stock, payment.request, shipping.note-address.", line.Text);
    }

    [Fact]
    public void A_completed_order_whose_completion_no_route_consumes_is_not_called_out()
    {
        var shipped = Guid.NewGuid();
        var completed = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["shipping"] = Part([Event(shipped, "shipment.o-4", "shipment-scheduled", Noon)],
                [Sent(shipped, "urn:message:weeevents:shipping:shipment-scheduled:v1", Noon, Noon.AddSeconds(1))]),
            ["order"] = Part([Event(completed, "order.o-4", "order-completed", Noon.AddSeconds(2), causation: shipped)],
                [Sent(completed, OrderCompleted, Noon.AddSeconds(2), Noon.AddSeconds(3))],
                [new HandledMessage("order.complete-on-shipment", shipped, Noon.AddSeconds(2))]),
        };

        var conversation = Conversation.From(["o-4"], parts, [], Routes, new Dictionary<string, string>());

        // The order's completion is the last message sent, and no service consumes it: nothing is waiting on it.
        Assert.DoesNotContain(Routes, r => r.MessageType == OrderCompleted);
        Assert.Equal(completed, conversation.Timeline.Last(t => t.Kind == StepKind.Sent).Id);
        Assert.Empty(conversation.Unhandled);
        Assert.Equal([WhereKind.LastStep], WhereItIs.Of(conversation, None, "o-4").Select(l => l.Kind));
    }

    [Fact]
    public void A_message_two_of_its_three_routes_handled_names_the_route_that_has_not()
    {
        var placed = Guid.NewGuid();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part([Event(placed, "order.o-5", "order-placed", Noon)], [Sent(placed, OrderPlaced, Noon, Noon.AddSeconds(1))]),
            ["inventory"] = Part([], [], [new HandledMessage("inventory.reserve-stock", placed, Noon.AddSeconds(2))]),
            ["payment"] = Part([], [], [new HandledMessage("payment.request", placed, Noon.AddSeconds(2))]),
            ["shipping"] = Part([], []),
        };

        var conversation = Conversation.From(["o-5"], parts, [], Routes, new Dictionary<string, string>());

        Assert.Equal(["shipping.note-address"], Assert.Single(conversation.Unhandled).Routes);
        var line = Assert.Single(WhereItIs.Of(conversation, None, "o-5"), l => l.Kind == WhereKind.Unhandled);
        Assert.Equal("Not handled: weeevents:order:order-placed:v1 sent by order at 2026-12-07 12:00:01.000, not yet handled by shipping.note-address.", line.Text);
    }

    [Fact]
    public void A_message_its_routes_handled_is_not_called_out_and_the_latest_unhandled_one_is_first()
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
            ["shipping"] = Part([], [], [new HandledMessage("shipping.note-address", placed, Noon.AddSeconds(2))]),
        };

        var stopped = Conversation.From(["o-2"], parts, [], Routes, new Dictionary<string, string>());
        Assert.Equal([reserved, placed], stopped.Unhandled.Select(u => u.Sent.Id));
        Assert.Equal("inventory", stopped.Unhandled[0].Sent.Service);
        Assert.Equal(["order.mark-stock-reserved", "payment.charge"], stopped.Unhandled[0].Routes);
        Assert.Equal(["payment.request"], stopped.Unhandled[1].Routes);

        // Once Payment and Order handle them, every message sent has been handled by each route that consumes it.
        parts["payment"] = Part([], [], [new HandledMessage("payment.request", placed, Noon.AddSeconds(2)), new HandledMessage("payment.charge", reserved, Noon.AddSeconds(4))]);
        parts["order"] = parts["order"] with { Handled = [new HandledMessage("order.mark-stock-reserved", reserved, Noon.AddSeconds(4))] };
        var moving = Conversation.From(["o-2"], parts, [], Routes, new Dictionary<string, string>());
        Assert.Empty(moving.Unhandled);
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
            ["inventory"] = Part([], [], [new HandledMessage("inventory.reserve-stock", placed, Noon.AddSeconds(2))]),
            ["payment"] = Part([], [], [new HandledMessage("payment.request", placed, Noon.AddSeconds(2))]),
        };
        var parked = new ParkedMessage("shipping.note-address_error", placed.ToString(), OrderPlaced, "Npgsql.PostgresException", "relation \"events\" does not exist", Noon.AddSeconds(2))
        {
            CorrelationId = "o-3",
        };
        var deadline = new UpcomingDeadline("order.o-3", "the order is cancelled", Noon.AddMinutes(30));

        var conversation = Conversation.From(["o-3"], parts, [parked], Routes, new Dictionary<string, string>());
        var lines = WhereItIs.Of(conversation, [("order", deadline)], "o-3");

        Assert.Empty(conversation.Unhandled); // the one message sent is parked where it was not handled: said once, as parked
        Assert.Equal([WhereKind.Parked, WhereKind.Waiting, WhereKind.Deadline, WhereKind.LastStep], lines.Select(l => l.Kind));
        Assert.Contains("is parked in shipping.note-address_error (Npgsql.PostgresException", lines[0].Text, StringComparison.Ordinal);
        Assert.Equal($"failed/message?queue=shipping.note-address_error&id={placed}", lines[0].Link);
        Assert.Equal("Waiting: urn:message:weeevents:order:order-cancelled:v1 is still in order's outbox.", lines[1].Text);
        Assert.Equal("Coming: order's deadline for order.o-3 at 2026-12-07 12:30:00.000: the order is cancelled.", lines[2].Text);
    }

    [Fact]
    public void Many_messages_not_handled_are_told_the_latest_first_a_few_lines_at_most()
    {
        var sent = Enumerable.Range(0, 5).Select(i => (Id: Guid.NewGuid(), At: Noon.AddSeconds(i))).ToArray();
        var parts = new Dictionary<string, ConversationPart>
        {
            ["order"] = Part([.. sent.Select(s => Event(s.Id, "order.o-6", "order-placed", s.At))], [.. sent.Select(s => Sent(s.Id, OrderPlaced, s.At, s.At))]),
        };

        var conversation = Conversation.From(["o-6"], parts, [], Routes, new Dictionary<string, string>());
        var lines = WhereItIs.Of(conversation, None, "o-6").Where(l => l.Kind == WhereKind.Unhandled).ToArray();

        Assert.Equal(WhereItIs.MostUnhandled + 1, lines.Length);
        Assert.Contains("at 2026-12-07 12:00:04.000", lines[0].Text, StringComparison.Ordinal);
        Assert.Equal("Not handled: 2 earlier message(s) more (see the timeline).", lines[^1].Text);
    }

    [Fact]
    public void A_conversation_no_service_knows_says_so()
    {
        var conversation = Conversation.From(["nobody"], new Dictionary<string, ConversationPart> { ["order"] = Part([], []) }, [], Routes, new Dictionary<string, string>());

        Assert.Equal([new WhereLine(WhereKind.Unknown, "No service has a record of nobody.")], WhereItIs.Of(conversation, None, "nobody"));
    }

    private static ConversationPart Part(ConversationEvent[] events, SentMessage[] sent, HandledMessage[]? handled = null) => new(events, sent, handled ?? []);

    private static ConversationEvent Event(Guid id, string aggregate, string type, DateTimeOffset at, Guid? causation = null) =>
        new(id, aggregate, 1, type, at, "o", causation?.ToString(), "svc");

    private static SentMessage Sent(Guid id, string type, DateTimeOffset created, DateTimeOffset? dispatched) => new(id, type, created, dispatched, dispatched is null ? 0 : 1);

    private sealed class NoDeadlines : List<(string Service, UpcomingDeadline Deadline)>;
}
