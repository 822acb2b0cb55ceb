using WeeEvents.Contracts;
using WeeEvents.Services.Payment.Domain.Events;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Services.Payment.Domain.Commands;

/// <summary>
/// The business rules of a payment. Every gateway call carries the payment id (the aggregate id) as its
/// idempotency key, so a handler re-run after a lost revision race or a redelivered message gets the
/// first outcome back and never charges twice. A transient gateway failure throws
/// <see cref="PaymentGatewayUnavailable"/>, records nothing, and is retried by the caller.
/// <para>
/// A cancellation can be recorded while a charge is at the gateway (the charge's own append then loses the
/// revision race). So every command that meets a cancelled payment asks the gateway what it decided under the
/// payment id, and refunds a charge that went through: no money is kept for a cancelled order.
/// </para>
/// </summary>
public sealed class PaymentCommandHandlers(IPaymentGateway gateway)
{
    /// <summary>
    /// Records the amount to charge. If the stock was already reserved (the messages crossed), charges at
    /// once. A repeat records nothing; a cancelled payment is settled (a charge made in flight is refunded).
    /// </summary>
    public async Task Request(IPublisher publisher, Entity<PaymentState> entity, RequestPayment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case PaymentState.Uninitialized:
                publisher.Publish(PaymentRequested.Name, new PaymentRequested.Data(command.Amount, command.Currency, command.PaymentToken, command.CustomerId));
                break;
            case PaymentState.AwaitingOrder awaiting:
                publisher.Publish(PaymentRequested.Name, new PaymentRequested.Data(command.Amount, command.Currency, command.PaymentToken, command.CustomerId));
                await ChargeAsync(publisher, entity.Aggregate, AtCatalogueTotal(new PaymentState.Requested(command.Amount, command.Currency, command.PaymentToken), awaiting.Amount, awaiting.Currency), cancellationToken);
                break;
            case PaymentState.Requested r when r.Amount != command.Amount || r.Currency != command.Currency:
                throw new PaymentRequestMismatch(entity.Aggregate, entity.State);
            case PaymentState.Cancelled:
                await RefundChargeMadeInFlightAsync(publisher, entity.Aggregate, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Charges a requested payment for the total Inventory computed from its catalogue prices (carried by
    /// <c>StockReserved</c>), or, from an Inventory that carries none, for the order's own total: approved → succeeded, declined → failed. Heard before the order, it
    /// waits for it. Already decided, it records nothing. Cancelled, it never charges, but refunds a charge
    /// that was in flight when the cancellation was recorded (an earlier attempt of this very command).
    /// </summary>
    public async Task Charge(IPublisher publisher, Entity<PaymentState> entity, ChargePayment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case PaymentState.Uninitialized:
                publisher.Publish(StockReservationNoted.Name, new StockReservationNoted.Data(command.Amount, command.Currency));
                break;
            case PaymentState.Requested requested:
                await ChargeAsync(publisher, entity.Aggregate, AtCatalogueTotal(requested, command.Amount, command.Currency), cancellationToken);
                break;
            case PaymentState.Cancelled:
                await RefundChargeMadeInFlightAsync(publisher, entity.Aggregate, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The order was cancelled: a charged payment is refunded; one not yet charged is cancelled so it never
    /// will be. Refunded, or failed as the gateway decided, records nothing; cancelled, or failed because the gateway
    /// did not answer, is settled (a charge the gateway made after all is refunded).
    /// </summary>
    public async Task Refund(IPublisher publisher, Entity<PaymentState> entity, RefundPayment.Command command, CancellationToken cancellationToken)
    {
        switch (entity.State)
        {
            case PaymentState.Uninitialized or PaymentState.AwaitingOrder or PaymentState.Requested:
                publisher.Publish(PaymentCancelled.Name, new PaymentCancelled.Data(command.Reason));
                break;
            case PaymentState.Succeeded s:
                var refundId = await gateway.RefundAsync(new RefundRequest(PaymentId(entity.Aggregate), s.TransactionId, s.Amount, s.Currency), cancellationToken);
                publisher.Publish(PaymentRefunded.Name, new PaymentRefunded.Data(s.Amount, s.Currency, s.TransactionId, refundId));
                break;
            case PaymentState.Cancelled or PaymentState.Failed { Reason: PaymentFailed.GatewayUnavailable }:
                await RefundChargeMadeInFlightAsync(publisher, entity.Aggregate, cancellationToken);
                break;
        }
    }

    /// <summary>The payment id, also the gateway's idempotency key: the encoded aggregate id (<c>payment.{orderId}</c>).</summary>
    public static string PaymentId(AggregateId payment) => payment.Encoded;

    /// <summary>
    /// The payment is cancelled, but a charge may have been at the gateway when that was recorded. The gateway
    /// knows (by idempotency key) what it decided: an approved charge is refunded, for the amount it took. The
    /// refund is keyed by the payment id too, so a concurrent or repeated settle refunds once.
    /// </summary>
    private async Task RefundChargeMadeInFlightAsync(IPublisher publisher, AggregateId payment, CancellationToken cancellationToken)
    {
        var paymentId = PaymentId(payment);
        if (await gateway.FindChargeAsync(paymentId, cancellationToken) is { Outcome: ChargeOutcome.Approved approved } charge)
        {
            var refundId = await gateway.RefundAsync(new RefundRequest(paymentId, approved.TransactionId, charge.Amount, charge.Currency), cancellationToken);
            publisher.Publish(PaymentRefunded.Name, new PaymentRefunded.Data(charge.Amount, charge.Currency, approved.TransactionId, refundId));
        }
    }

    /// <summary>
    /// The catalogue total wins over the total the order was placed with: prices are Inventory's. Inventory refuses an
    /// order quoting other prices, so the two differ only when the reservation carried no total (then the order's stands).
    /// </summary>
    private static PaymentState.Requested AtCatalogueTotal(PaymentState.Requested requested, decimal? amount, string? currency) =>
        Money.From(amount, currency) is { } total ? requested with { Amount = total.Amount, Currency = total.Currency } : requested;

    private async Task ChargeAsync(IPublisher publisher, AggregateId payment, PaymentState.Requested requested, CancellationToken cancellationToken)
    {
        ChargeOutcome outcome;
        try
        {
            outcome = await gateway.ChargeAsync(new ChargeRequest(PaymentId(payment), requested.Amount, requested.Currency, requested.PaymentToken), cancellationToken);
        }
        catch (PaymentGatewayUnanswered)
        {
            // Decided, not left open: the order is cancelled and its stock released. Should the gateway have charged
            // after all, the cancellation's refund finds the charge under the payment id and gives the money back.
            outcome = new ChargeOutcome.Declined(PaymentFailed.GatewayUnavailable);
        }

        switch (outcome)
        {
            case ChargeOutcome.Approved approved:
                publisher.Publish(PaymentSucceeded.Name, new PaymentSucceeded.Data(requested.Amount, requested.Currency, approved.TransactionId));
                break;
            case ChargeOutcome.Declined declined:
                publisher.Publish(PaymentFailed.Name, new PaymentFailed.Data(requested.Amount, requested.Currency, declined.Reason));
                break;
        }
    }
}
