using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Domain.Events;

namespace WeeEvents.Services.Inventory;

/// <summary>The inventory item service (one aggregate per SKU): loader + dispatcher + metadata, as one value.</summary>
public static class InventoryItemService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "inventory-item";

    /// <summary>The role that may change what is in stock and what it costs (restock, set-price).</summary>
    public const string ManagerRole = "inventory-manager";

    /// <summary>How a SKU's stock is built from its events.</summary>
    public static readonly LoaderDescription<InventoryItemState> Loader = LoaderDescription
        .FromInitializer<InventoryItemState>(() => new InventoryItemState.Uninitialized())
        .Reducer<ItemRestocked.Data>(ItemRestocked.Name, InventoryItemReducers.Restocked)
        .Reducer<PriceSet.Data>(PriceSet.Name, InventoryItemReducers.PriceSet)
        .Reducer<StockReserved.Data>(StockReserved.Name, InventoryItemReducers.Reserved)
        .Reducer<StockReleased.Data>(StockReleased.Name, InventoryItemReducers.Released)
        .Reducer<StockCommitted.Data>(StockCommitted.Name, InventoryItemReducers.Committed)
        .Reducer<StockReturned.Data>(StockReturned.Name, InventoryItemReducers.Returned)
        .Description();

    /// <summary>The commands a SKU accepts: restock and set-price over HTTP; reserve, release and commit from the order flow.</summary>
    public static readonly DispatcherDescription<InventoryItemState> Dispatcher = DispatcherDescription
        .For<InventoryItemState>()
        .Audited(Restock.Name, SetPrice.Name)
        .Handler(Restock.Name, new Restock.Validator(), InventoryItemCommandHandlers.Restock, CommandAccess.AnyRole(ManagerRole))
        .Handler(SetPrice.Name, new SetPrice.Validator(), InventoryItemCommandHandlers.SetPrice, CommandAccess.AnyRole(ManagerRole))
        .InternalHandler(ReserveStock.Name, new ReserveStock.Validator(), InventoryItemCommandHandlers.Reserve)
        .InternalHandler(ReleaseStock.Name, new ReleaseStock.Validator(), InventoryItemCommandHandlers.Release)
        .InternalHandler(CommitStock.Name, new CommitStock.Validator(), InventoryItemCommandHandlers.Commit)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<InventoryItemState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "Stock of one SKU: available, reserved for orders awaiting payment, committed to paid orders."),
        Loader,
        Dispatcher);
}
