using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Domain.Events;

namespace WeeEvents.Services.Order;

/// <summary>The order service: loader + dispatcher + metadata, as one value.</summary>
public static class OrderService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "order";

    /// <summary>
    /// The customer owns the order: a caller without a staff role may place an order only for themselves (its
    /// <c>customerId</c> is their subject), and read and cancel only their own orders. Operators act on every order.
    /// </summary>
    public static readonly EntityAccess<OrderState> Access = EntityAccess<OrderState>
        .OwnedBy(state => state.Details?.CustomerId, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator)
        .Claims<PlaceOrder.Command>(command => command.CustomerId);

    /// <summary>How an order's state is built from its events.</summary>
    public static readonly LoaderDescription<OrderState> Loader = LoaderDescription
        .FromInitializer<OrderState>(() => new OrderState.Uninitialized())
        .Reducer<OrderPlaced.Data>(OrderPlaced.Name, OrderReducers.Placed)
        .Reducer<OrderStockReserved.Data>(OrderStockReserved.Name, OrderReducers.StockReserved)
        .Reducer<OrderRejected.Data>(OrderRejected.Name, OrderReducers.Rejected)
        .Reducer<OrderPaid.Data>(OrderPaid.Name, OrderReducers.Paid)
        .Reducer<OrderCompleted.Data>(OrderCompleted.Name, OrderReducers.Completed)
        .Reducer<OrderCancelled.Data>(OrderCancelled.Name, OrderReducers.Cancelled)
        .Reducer<OrderDeadlinePassed.Data>(OrderDeadlinePassed.Name, OrderDeadlinePassed.Reduce)
        .Reducer<ChangeShippingAddress.Changed>(ChangeShippingAddress.EventName, ChangeShippingAddress.Reduce)
        .Description();

    /// <summary>
    /// The commands an order accepts: the customer's (place, cancel, change the shipping address: the customer's own orders only, see
    /// <see cref="Access"/>) and those other services' events drive.
    /// </summary>
    public static readonly DispatcherDescription<OrderState> Dispatcher = DispatcherDescription
        .For<OrderState>()
        .Access(Access)
        .Audited(CancelOrder.Name)
        .Command(PlaceOrder.Name, new PlaceOrder.Validator(), OrderCommandHandlers.Place, CommandAccess.Owner, startsStream: true)
        .Command(CancelOrder.Name, new CancelOrder.Validator(), OrderCommandHandlers.Cancel, CommandAccess.Owner)
        .Command(ChangeShippingAddress.Name, new ChangeShippingAddress.Validator(), ChangeShippingAddress.Handle, CommandAccess.Owner)
        .Command(MarkStockReserved.Name, new MarkStockReserved.Validator(), OrderCommandHandlers.MarkStockReserved, CommandAccess.ServiceOnly)
        .Command(RejectOrder.Name, new RejectOrder.Validator(), OrderCommandHandlers.Reject, CommandAccess.ServiceOnly)
        .Command(MarkPaid.Name, new MarkPaid.Validator(), OrderCommandHandlers.MarkPaid, CommandAccess.ServiceOnly)
        .Command(CompleteOrder.Name, new CompleteOrder.Validator(), OrderCommandHandlers.Complete, CommandAccess.ServiceOnly)
        .Command(PassDeadline.Name, new PassDeadline.Validator(), PassDeadline.Handle, CommandAccess.ServiceOnly)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<OrderState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "An order: placed, stock reserved, paid, completed; or rejected, or cancelled before payment."),
        Loader,
        Dispatcher);
}
