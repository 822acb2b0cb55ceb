using System.Text.Json;
using WeeEvents.Contracts;
using WeeEvents.Services.Shipping.Domain;
using WeeEvents.Services.Shipping.Domain.Commands;
using WeeEvents.Services.Shipping.Integration;
using Wire = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Shipping.Tests;

public class ShippingIntegrationTests
{
    [Fact]
    public async Task A_scheduled_shipment_publishes_shipment_scheduled_and_nothing_else_is_published()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryEventStore();
        var service = ShippingService.Description.CreateService(store);
        var id = ShippingService.Description.Id("o-1");
        await service.ExecuteAsync(NoteAddress.Name, id, new NoteAddress.Command(new Address("Ada", "1 Main St", "Berlin", "10115", "DE")), Callers.AsService, ct);
        await service.ExecuteAsync(ScheduleShipment.Name, id, new ScheduleShipment.Command(), Callers.AsService, ct);
        await service.ExecuteAsync(DispatchShipment.Name, id, new DispatchShipment.Command(), Callers.AsService, ct);
        var events = await store.LoadAsync(id, cancellationToken: ct);

        var contract = Assert.IsType<Wire.ShipmentScheduled>(ShippingIntegration.Outbound.ContractFor(events[1]));
        Assert.Equal(("o-1", "DHL"), (contract.OrderId, contract.Carrier));
        Assert.Equal(Carriers.Assign("o-1", "DE").TrackingNumber, contract.TrackingNumber);
        Assert.Null(ShippingIntegration.Outbound.ContractFor(events[0]));
        Assert.Null(ShippingIntegration.Outbound.ContractFor(events[2]));
    }

    [Fact]
    public async Task The_shipment_wire_shape_has_status_carrier_and_tracking_number()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = ShippingService.Description.CreateService(new InMemoryEventStore());
        var id = ShippingService.Description.Id("o-1");
        await service.ExecuteAsync(NoteAddress.Name, id, new NoteAddress.Command(new Address("Ada", "1 Main St", "London", "N1", "GB")), Callers.AsService, ct);
        var entity = await service.ExecuteAsync(ScheduleShipment.Name, id, new ScheduleShipment.Command(), Callers.AsService, ct);

        var json = JsonSerializer.SerializeToElement(entity.State, WeeEventsJson.Options);
        Assert.Equal("scheduled", json.GetProperty("status").GetString());
        Assert.Equal("Royal Mail", json.GetProperty("carrier").GetString());
        Assert.StartsWith("RM", json.GetProperty("trackingNumber").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipping_contract_has_a_stable_versioned_wire_name() =>
        Assert.Equal("urn:message:weeevents:shipping:shipment-scheduled:v1", ContractUrns.Of<Wire.ShipmentScheduled>());
}
