using System.Text.Json;
using MassTransit;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tests.Domain;

namespace WeeEvents.MassTransit.Tests;

public sealed class OutboxMapperTests
{
    private static RecordedEvent<JsonElement> Placed(string type = Orders.PlacedEvent) => new(
        Orders.Description.Id("order-9"),
        Guid.CreateVersion7(),
        new Revision(3),
        type,
        1,
        DateTimeOffset.UnixEpoch,
        JsonSerializer.SerializeToElement(new Orders.Placed("sku-9", 2), WeeEventsJson.Options),
        new EventMetadata { CorrelationId = "corr", CausationId = "cause", TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });

    [Fact]
    public void A_mapped_event_becomes_an_outbox_message_with_the_event_id_the_contract_urn_and_camel_case_json()
    {
        var recorded = Placed();

        var message = Assert.Single(Orders.Mapper.Map(recorded));

        Assert.Equal(recorded.EventId, message.MessageId);
        Assert.Equal("urn:message:weeevents-tests:item-ordered", message.MessageType);
        Assert.Equal("""{"orderId":"order-9","sku":"sku-9","quantity":2}""", message.Body);
        Assert.Equal(recorded.Aggregate, message.Source);
        Assert.Equal(recorded.Revision, message.SourceRevision);
        Assert.Equal(recorded.Metadata, message.Metadata);
        Assert.Equal(recorded.Timestamp, message.CreatedAt);
    }

    [Fact]
    public void Unmapped_events_and_maps_that_return_null_publish_nothing()
    {
        var quiet = OutboxMapper.Empty.Map<Orders.Placed, ItemOrdered>(Orders.PlacedEvent, _ => null);

        Assert.Empty(Orders.Mapper.Map(Placed("something-else")));
        Assert.Empty(quiet.Map(Placed()));
    }

    [Fact]
    public void Two_maps_of_one_event_publish_two_messages_with_distinct_stable_ids()
    {
        var mapper = Orders.Mapper.Map<Orders.Placed, StockReserved>(Orders.PlacedEvent, e => new StockReserved(e.Aggregate.Key, e.Data.Sku, e.Data.Quantity));
        var recorded = Placed();

        var first = mapper.Map(recorded).ToArray();
        var again = mapper.Map(recorded).ToArray();

        Assert.Equal(2, first.Length);
        Assert.Equal(recorded.EventId, first[0].MessageId);
        Assert.NotEqual(first[0].MessageId, first[1].MessageId);
        Assert.Equal(first.Select(m => m.MessageId), again.Select(m => m.MessageId));
    }

    [Fact]
    public void The_registry_maps_urns_to_the_registered_contracts_only()
    {
        Assert.True(Stock.Mapper.Contracts.TryFind("urn:message:weeevents-tests:stock-reserved", out var type));
        Assert.Equal(typeof(StockReserved), type);
        Assert.False(Stock.Mapper.Contracts.TryFind("urn:message:weeevents-tests:item-ordered", out _));
        Assert.Throws<ArgumentException>(() => MessageTypeRegistry.Empty.Add<ItemOrdered>().Add<Impostor>());
    }
}

[MessageUrn("weeevents-tests:item-ordered")]
public sealed record Impostor(string Anything);
