using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Payment;

/// <summary>The payment service (one payment per order): loader + dispatcher + metadata, as one value.</summary>
public static class PaymentService
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "payment";

    /// <summary>
    /// The order's customer owns its payment: they read it, nobody else but operators. Every command is the service's
    /// own (driven by the order flow), so no client sends one.
    /// </summary>
    public static readonly EntityAccess<PaymentState> Access = EntityAccess<PaymentState>
        .OwnedBy(state => state.CustomerId, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator);

    /// <summary>How a payment's state is built from its events.</summary>
    public static readonly LoaderDescription<PaymentState> Loader = LoaderDescription
        .FromInitializer<PaymentState>(() => new PaymentState.Uninitialized())
        .Reducer<PaymentRequested.Data>(PaymentRequested.Name, PaymentReducers.Requested)
        .Reducer<StockReservationNoted.Data>(StockReservationNoted.Name, PaymentReducers.StockNoted)
        .Reducer<PaymentSucceeded.Data>(PaymentSucceeded.Name, PaymentReducers.Succeeded)
        .Reducer<PaymentFailed.Data>(PaymentFailed.Name, PaymentReducers.Failed)
        .Reducer<PaymentRefunded.Data>(PaymentRefunded.Name, PaymentReducers.Refunded)
        .Reducer<PaymentCancelled.Data>(PaymentCancelled.Name, PaymentReducers.Cancelled)
        .Description();

    /// <summary>The commands a payment accepts, charging and refunding through <paramref name="gateway"/>.</summary>
    public static DispatcherDescription<PaymentState> Dispatcher(IPaymentGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var handlers = new PaymentCommandHandlers(gateway);
        return DispatcherDescription
            .For<PaymentState>()
            .Access(Access)
            .Audited(RefundPayment.Name)
            .Command(RequestPayment.Name, new RequestPayment.Validator(), handlers.Request, CommandAccess.ServiceOnly, startsStream: true)
            .Command(ChargePayment.Name, new ChargePayment.Validator(), handlers.Charge, CommandAccess.ServiceOnly)
            .Command(RefundPayment.Name, new RefundPayment.Validator(), handlers.Refund, CommandAccess.ServiceOnly)
            .Description();
    }

    /// <summary>The service description, charging through <paramref name="gateway"/>.</summary>
    public static ServiceDescription<PaymentState> Description(IPaymentGateway gateway) => ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "The payment of one order: requested, charged once through the gateway, refunded if the order is cancelled."),
        Loader,
        Dispatcher(gateway));
}
