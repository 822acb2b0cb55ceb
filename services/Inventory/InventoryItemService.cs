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

    /// <summary>
    /// Events between snapshots of a SKU. Every order appends to each of its SKUs, so a popular SKU's stream grows
    /// without end; with a snapshot every this many events, a load that misses the process's kept entity (a restart, a
    /// second instance, <c>?revision=</c>) folds at most about this many.
    /// </summary>
    public const int SnapshotEvery = 500;

    /// <summary>
    /// The version of the SKU state's JSON shape, which snapshots are tagged with. Raise it whenever
    /// <see cref="InventoryItemState"/> changes shape: older snapshots are then ignored, never misread. (2: the state
    /// stopped keeping every order's commitment.)
    /// </summary>
    public const int StateVersion = 2;

    /// <summary>
    /// A SKU names the orders it holds units for, so only inventory managers and operators read it; what every client
    /// may see of the stock (available units and price) is the <c>GET /inventory-item</c> list of stock levels.
    /// </summary>
    public static readonly EntityAccess<InventoryItemState> Access = EntityAccess<InventoryItemState>
        .StaffOnly(ManagerRole, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator);

    /// <summary>How a SKU's stock is built from its events; snapshotted every <see cref="SnapshotEvery"/> events.</summary>
    public static readonly LoaderDescription<InventoryItemState> Loader = LoaderDescription
        .FromInitializer<InventoryItemState>(() => new InventoryItemState.Uninitialized())
        .Reducer<ItemRestocked.Data>(ItemRestocked.Name, InventoryItemReducers.Restocked)
        .Reducer<PriceSet.Data>(PriceSet.Name, InventoryItemReducers.PriceSet)
        .Reducer<StockReserved.Data>(StockReserved.Name, InventoryItemReducers.Reserved)
        .Reducer<StockReleased.Data>(StockReleased.Name, InventoryItemReducers.Released)
        .Reducer<StockCommitted.Data>(StockCommitted.Name, InventoryItemReducers.Committed)
        .Reducer<StockReturned.Data>(StockReturned.Name, InventoryItemReducers.Returned)
        .Snapshots(SnapshotEvery, StateVersion)
        .Description();

    /// <summary>The commands a SKU accepts: restock and set-price over HTTP; reserve, release, commit and return from the order flow.</summary>
    public static readonly DispatcherDescription<InventoryItemState> Dispatcher = DispatcherDescription
        .For<InventoryItemState>()
        .Access(Access)
        .Audited(Restock.Name, SetPrice.Name)
        .Command(Restock.Name, new Restock.Validator(), InventoryItemCommandHandlers.Restock, CommandAccess.AnyRole(ManagerRole))
        .Command(SetPrice.Name, new SetPrice.Validator(), InventoryItemCommandHandlers.SetPrice, CommandAccess.AnyRole(ManagerRole))
        .Command(ReserveStock.Name, new ReserveStock.Validator(), InventoryItemCommandHandlers.Reserve, CommandAccess.ServiceOnly)
        .Command(ReleaseStock.Name, new ReleaseStock.Validator(), InventoryItemCommandHandlers.Release, CommandAccess.ServiceOnly)
        .Command(CommitStock.Name, new CommitStock.Validator(), InventoryItemCommandHandlers.Commit, CommandAccess.ServiceOnly)
        .Command(ReturnStock.Name, new ReturnStock.Validator(), InventoryItemCommandHandlers.Return, CommandAccess.ServiceOnly)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<InventoryItemState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "Stock of one SKU: available, reserved for orders awaiting payment, committed to paid orders."),
        Loader,
        Dispatcher);
}
