using System.Text.Json;
using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Testing;

namespace WeeEvents.Services.Inventory.Tests;

/// <summary>A SKU's stream grows with every order: its loader snapshots it, and a snapshot must answer as the full fold does.</summary>
public class InventorySnapshotTests
{
    private static readonly Money Euros = new(2.5m, "EUR");

    [Fact]
    public void The_sku_loader_snapshots_every_500_events_tagged_with_its_state_version()
    {
        Assert.Equal(new SnapshotPolicy(InventoryItemService.SnapshotEvery, InventoryItemService.StateVersion), InventoryItemService.Loader.Snapshots);
        Assert.Equal(500, InventoryItemService.SnapshotEvery);
        Assert.Equal(2, InventoryItemService.StateVersion);
    }

    [Fact]
    public async Task A_sku_loaded_from_its_snapshot_answers_as_the_fold_from_the_first_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryEventStore();
        var service = InventoryItemService.Description.CreateService(store);
        var id = InventoryItemService.Description.Id("sku-1");
        await service.ExecuteAsync(Restock.Name, id, new Restock.Command(10_000), Callers.AsService, ct);
        await service.ExecuteAsync(SetPrice.Name, id, new SetPrice.Command(Euros.Amount, Euros.Currency), Callers.AsService, ct);
        for (var i = 0; i < 300; i++)
        {
            await service.ExecuteAsync(ReserveStock.Name, id, new ReserveStock.Command($"o-{i}", 2, Euros), Callers.AsService, ct);
            await service.ExecuteAsync(CommitStock.Name, id, new CommitStock.Command($"o-{i}"), Callers.AsService, ct);
        }

        await service.ExecuteAsync(ReserveStock.Name, id, new ReserveStock.Command("open", 3, Euros), Callers.AsService, ct);

        var snapshot = await store.LatestAsync(id, InventoryItemService.StateVersion, new Revision(long.MaxValue), ct);
        // A store that keeps no entities: the load starts from the snapshot.
        var loaded = await InventoryItemService.Description.CreateService(new TestEventStore(store)).LoadAsync(id, ct);

        Assert.Equal(new Revision(500), snapshot?.Revision);
        Assert.Equal(new Revision(603), loaded.Revision);
        Assert.Equal(Json(await FullFoldAsync(store, id, ct)), Json(loaded.State));
        var stocked = Assert.IsType<InventoryItemState.Stocked>(loaded.State);
        Assert.Equal((10_000 - 603, 3, 600), (stocked.Available, stocked.Reserved, stocked.Committed));
    }

    [Fact]
    public void A_restored_sku_compares_order_ids_ordinally_as_a_folded_one_does()
    {
        var id = InventoryItemService.Description.Id("sku-1");
        var state = InventoryItemState.Stocked.Initial(10) with
        {
            Reservations = InventoryItemState.Stocked.Initial(10).Reservations.Add("a-1", 1).Add("A1", 1).Add("a1", 1),
        };
        var snapshot = InventoryItemService.Loader.SnapshotOf(new Entity<InventoryItemState>(id, new Revision(4), state), Guid.CreateVersion7());

        var restored = Assert.IsType<InventoryItemState.Stocked>(InventoryItemService.Loader.Restore(snapshot)?.State);

        Assert.Same(StringComparer.Ordinal, restored.Reservations.KeyComparer);
        Assert.Equal(["A1", "a-1", "a1"], restored.Reservations.Keys);
        Assert.Equal(Json(state), Json(restored));
    }

    [Fact]
    public void A_snapshot_of_the_state_before_it_stopped_keeping_commitments_is_not_read()
    {
        var id = InventoryItemService.Description.Id("sku-1");
        var old = new Snapshot(id, new Revision(4), Guid.CreateVersion7(), 1, JsonElement.Parse(
            """{"status":"stocked","available":1,"reserved":0,"committed":3,"reservations":{},"commitments":{"o-1":3}}"""));

        Assert.Null(InventoryItemService.Loader.Restore(old));
    }

    private static async Task<InventoryItemState> FullFoldAsync(InMemoryEventStore store, AggregateId id, CancellationToken ct)
    {
        var state = InventoryItemService.Loader.Initial(id);
        foreach (var e in await store.LoadAsync(id, cancellationToken: ct))
        {
            InventoryItemService.Loader.TryApply(ref state, e);
        }

        return state;
    }

    private static string Json(InventoryItemState state) => JsonSerializer.Serialize(state, WeeEventsJson.Options);
}
