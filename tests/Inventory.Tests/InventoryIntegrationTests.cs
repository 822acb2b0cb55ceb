using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Integration;
using Wire = WeeEvents.Contracts.Inventory;

namespace WeeEvents.Services.Inventory.Tests;

public class InventoryIntegrationTests
{
    private readonly InMemoryEventStore _store = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reserved_order_publishes_one_stock_reserved_and_the_skus_publish_nothing()
    {
        var items = InventoryItemService.Description.CreateService(_store);
        foreach (var (sku, price) in new[] { ("sku-1", 1.25m), ("sku-2", 10m) })
        {
            await items.ExecuteAsync(Restock.Name, InventoryItemService.Description.Id(sku), new Restock.Command(5), Callers.AsService, _ct);
            await items.ExecuteAsync(SetPrice.Name, InventoryItemService.Description.Id(sku), new SetPrice.Command(price, "EUR"), Callers.AsService, _ct);
        }

        await OrderStockReservations.On(_store).ReserveAsync("o-1", "EUR", [new("sku-1", 1, 1.25m), new("sku-2", 2, 10m)], cancellationToken: _ct);

        foreach (var sku in new[] { "sku-1", "sku-2" })
        {
            Assert.All(await _store.LoadAsync(InventoryItemService.Description.Id(sku), cancellationToken: _ct), e => Assert.Null(InventoryIntegration.Outbound.ContractFor(e)));
        }

        var recorded = Assert.Single(await _store.LoadAsync(StockReservationService.Description.Id("o-1"), cancellationToken: _ct));
        var contract = Assert.IsType<Wire.StockReserved>(InventoryIntegration.Outbound.ContractFor(recorded));
        Assert.Equal("o-1", contract.OrderId);
        Assert.Equal([new Wire.StockLine("sku-1", 1), new Wire.StockLine("sku-2", 2)], contract.Lines);
        Assert.Equal((21.25m, "EUR"), (contract.Total, contract.Currency));
    }

    [Fact]
    public async Task A_failed_order_publishes_stock_reservation_failed_with_its_shortages()
    {
        await OrderStockReservations.On(_store).ReserveAsync("o-1", "EUR", [new("ghost", 1, 3m)], cancellationToken: _ct);

        var recorded = Assert.Single(await _store.LoadAsync(StockReservationService.Description.Id("o-1"), cancellationToken: _ct));
        var contract = Assert.IsType<Wire.StockReservationFailed>(InventoryIntegration.Outbound.ContractFor(recorded));
        Assert.Equal([new Wire.StockShortage("ghost", 1, 0, Known: false)], contract.Shortages);
        Assert.Equal(recorded.Timestamp, contract.FailedAt);
        Assert.Equal(("out-of-stock", "ghost: unknown SKU"), (contract.Reason, contract.Detail));
    }

    [Fact]
    public void Inventory_contracts_have_stable_versioned_wire_names()
    {
        Assert.Equal("urn:message:weeevents:inventory:stock-reserved:v1", ContractUrns.Of<Wire.StockReserved>());
        Assert.Equal("urn:message:weeevents:inventory:stock-reservation-failed:v1", ContractUrns.Of<Wire.StockReservationFailed>());
    }
}
