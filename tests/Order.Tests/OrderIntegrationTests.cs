using System.Text.Json;
using WeeEvents.Contracts;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Integration;
using static WeeEvents.Services.Order.Tests.Orders;
using Wire = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Order.Tests;

public class OrderIntegrationTests
{
    private static async Task<IReadOnlyList<RecordedEvent<JsonElement>>> Run(params (string Command, object Payload)[] commands)
    {
        var store = new InMemoryEventStore();
        var service = OrderService.Description.CreateService(store);
        var id = OrderService.Description.Id("o-1");
        foreach (var (command, payload) in commands)
        {
            await service.ExecuteAsync(command, id, JsonSerializer.SerializeToElement(payload, WeeEventsJson.Options), Callers.AsService, TestContext.Current.CancellationToken);
        }

        return await store.LoadAsync(id, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_placed_order_publishes_order_placed_with_its_total_address_and_token()
    {
        var events = await Run((PlaceOrder.Name, Place()));

        var contract = Assert.IsType<Wire.OrderPlaced>(OrderIntegration.Outbound.ContractFor(events[0]));
        Assert.Equal("o-1", contract.OrderId);
        Assert.Equal(24.98m, contract.Total);
        Assert.Equal("EUR", contract.Currency);
        Assert.Equal("tok_visa", contract.PaymentToken);
        Assert.Equal("GB", contract.ShippingAddress.Country);
        Assert.Equal([new Wire.OrderLine("sku-1", 2, 9.99m), new Wire.OrderLine("sku-2", 1, 5m)], contract.Lines);
        Assert.Equal(events[0].Timestamp, contract.PlacedAt);
    }

    [Fact]
    public async Task A_cancelled_order_publishes_order_cancelled_with_its_reason()
    {
        var events = await Run((PlaceOrder.Name, Place()), (CancelOrder.Name, new CancelOrder.Command("changed my mind")));

        var contract = Assert.IsType<Wire.OrderCancelled>(OrderIntegration.Outbound.ContractFor(events[1]));
        Assert.Equal(new Wire.OrderCancelled("o-1", "changed my mind", events[1].Timestamp), contract);
    }

    [Fact]
    public async Task Steps_inside_the_service_publish_nothing_and_completion_is_published_for_observers()
    {
        var events = await Run(
            (PlaceOrder.Name, Place()),
            (MarkStockReserved.Name, new MarkStockReserved.Command()),
            (MarkPaid.Name, new MarkPaid.Command("payment.o-1", 24.98m, "txn", "EUR")),
            (CompleteOrder.Name, new CompleteOrder.Command("Royal Mail", "RM1")));

        Assert.All(events.Skip(1).SkipLast(1), e => Assert.Null(OrderIntegration.Outbound.ContractFor(e)));
        var completed = Assert.IsType<Wire.OrderCompleted>(OrderIntegration.Outbound.ContractFor(events[^1]));
        Assert.Equal(new Wire.OrderCompleted("o-1", "Royal Mail", "RM1", events[^1].Timestamp), completed);
    }

    [Fact]
    public void Order_contracts_have_stable_versioned_wire_names()
    {
        Assert.Equal("urn:message:weeevents:order:order-placed:v1", ContractUrns.Of<Wire.OrderPlaced>());
        Assert.Equal("urn:message:weeevents:order:order-cancelled:v1", ContractUrns.Of<Wire.OrderCancelled>());
        Assert.Equal(new Uri("urn:message:weeevents:order:order-placed:v1"), global::MassTransit.MessageUrn.ForType<Wire.OrderPlaced>());
    }
}
