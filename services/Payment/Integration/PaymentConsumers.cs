using WeeEvents.MassTransit.Consumers;
using WeeEvents.Services.Payment.Domain;
using Inventory = WeeEvents.Contracts.Inventory;
using Order = WeeEvents.Contracts.Order;

namespace WeeEvents.Services.Payment.Integration;

// One consumer per message, each running the payment command its message maps to (PaymentInbound) inside one
// unit of work with its inbox row. The description comes from the container: it carries the gateway.

/// <summary>An order was placed: its payment is requested (amount, currency, token), to be charged once stock is held.</summary>
public sealed class RequestPaymentForOrder(InboxProcessor inbox, ServiceDescription<PaymentState> payments) : DeduplicatingConsumer<Order.OrderPlaced>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "payment.request";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderPlaced> message) => message.ExecuteAsync(payments, PaymentInbound.From(message.Message));
}

/// <summary>The order's stock is held: the payment is charged.</summary>
public sealed class ChargeReservedOrder(InboxProcessor inbox, ServiceDescription<PaymentState> payments) : DeduplicatingConsumer<Inventory.StockReserved>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "payment.charge";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Inventory.StockReserved> message) => message.ExecuteAsync(payments, PaymentInbound.From(message.Message));
}

/// <summary>
/// The charge waits on the gateway, so it stays out of the service's correlation partitions: a slow charge must not
/// hold up other orders' messages, nor its own order's cancellation, which the gateway may be waiting for.
/// </summary>
public sealed class ChargeReservedOrderDefinition : WeeEventsConsumerDefinition<ChargeReservedOrder>
{
    /// <summary>Creates the definition.</summary>
    public ChargeReservedOrderDefinition() => PartitionByCorrelation = false;
}

/// <summary>The order was cancelled: a charged payment is refunded, an uncharged one cancelled.</summary>
public sealed class RefundCancelledOrder(InboxProcessor inbox, ServiceDescription<PaymentState> payments) : DeduplicatingConsumer<Order.OrderCancelled>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "payment.refund-on-cancellation";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Order.OrderCancelled> message) => message.ExecuteAsync(payments, PaymentInbound.From(message.Message));
}

/// <summary>The order was rejected for want of stock: its payment is never charged.</summary>
public sealed class VoidPaymentOfRejectedOrder(InboxProcessor inbox, ServiceDescription<PaymentState> payments) : DeduplicatingConsumer<Inventory.StockReservationFailed>(inbox)
{
    /// <inheritdoc />
    protected override string InboxName => "payment.void-on-rejection";

    /// <inheritdoc />
    protected override Task HandleAsync(MessageHandling<Inventory.StockReservationFailed> message) => message.ExecuteAsync(payments, PaymentInbound.From(message.Message));
}
