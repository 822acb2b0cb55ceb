using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Inventory.Reservations.Commands;
using WeeEvents.Services.Inventory.Reservations.Events;

namespace WeeEvents.Services.Inventory;

/// <summary>The stock reservation service (one aggregate per order): loader + dispatcher + metadata, as one value.</summary>
public static class StockReservationService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "stock-reservation";

    /// <summary>
    /// The order's customer owns its reservation: they read it, nobody else but inventory managers, whose work the stock
    /// is, and operators.
    /// </summary>
    public static readonly EntityAccess<StockReservationState> Access = EntityAccess<StockReservationState>
        .OwnedBy(state => state.CustomerId, InventoryItemService.ManagerRole, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator);

    /// <summary>How an order's reservation is built from its events.</summary>
    public static readonly LoaderDescription<StockReservationState> Loader = LoaderDescription
        .FromInitializer<StockReservationState>(() => new StockReservationState.Uninitialized())
        .Reducer<ReservationConfirmed.Data>(ReservationConfirmed.Name, StockReservationReducers.Confirmed)
        .Reducer<ReservationFailed.Data>(ReservationFailed.Name, StockReservationReducers.Failed)
        .Reducer<ReservationCommitted.Data>(ReservationCommitted.Name, StockReservationReducers.Committed)
        .Reducer<ReservationReleased.Data>(ReservationReleased.Name, StockReservationReducers.Released)
        .Reducer<ReservationVoided.Data>(ReservationVoided.Name, StockReservationReducers.Voided)
        .Description();

    /// <summary>The commands a reservation accepts (run by <see cref="OrderStockReservations"/>).</summary>
    public static readonly DispatcherDescription<StockReservationState> Dispatcher = DispatcherDescription
        .For<StockReservationState>()
        .Access(Access)
        .Command(ConfirmReservation.Name, new ConfirmReservation.Validator(), StockReservationCommandHandlers.Confirm, CommandAccess.ServiceOnly)
        .Command(FailReservation.Name, new FailReservation.Validator(), StockReservationCommandHandlers.Fail, CommandAccess.ServiceOnly)
        .Command(CommitReservation.Name, new CommitReservation.Validator(), StockReservationCommandHandlers.Commit, CommandAccess.ServiceOnly)
        .Command(ReleaseReservation.Name, new ReleaseReservation.Validator(), StockReservationCommandHandlers.Release, CommandAccess.ServiceOnly)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<StockReservationState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "One order's reservation across SKUs: reserved, failed, committed, released or voided."),
        Loader,
        Dispatcher);
}
