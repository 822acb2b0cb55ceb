using WeeEvents.Contracts;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using Wire = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Payment.Integration;

/// <summary>The contracts the Payment service publishes, mapped from its recorded events. Pure functions.</summary>
public static class PaymentIntegration
{
    /// <summary>What the Payment service publishes: outcomes of charges and refunds.</summary>
    public static OutboxMapper Outbound { get; } = OutboxMapper.Empty
        .Map<PaymentSucceeded.Data, Wire.PaymentSucceeded>(PaymentSucceeded.Name, ToContract)
        .Map<PaymentFailed.Data, Wire.PaymentFailed>(PaymentFailed.Name, ToContract)
        .Map<PaymentRefunded.Data, Wire.PaymentRefunded>(PaymentRefunded.Name, ToContract);

    /// <summary><c>payment-succeeded</c> → <see cref="Wire.PaymentSucceeded"/>.</summary>
    public static Wire.PaymentSucceeded ToContract(RecordedEvent<PaymentSucceeded.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var d = recorded.Data;
        return new Wire.PaymentSucceeded(recorded.Aggregate.Key, PaymentCommandHandlers.PaymentId(recorded.Aggregate), d.Amount, d.Currency, d.TransactionId, recorded.Timestamp);
    }

    /// <summary><c>payment-failed</c> → <see cref="Wire.PaymentFailed"/>.</summary>
    public static Wire.PaymentFailed ToContract(RecordedEvent<PaymentFailed.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new Wire.PaymentFailed(recorded.Aggregate.Key, PaymentCommandHandlers.PaymentId(recorded.Aggregate), ContractLimits.Reason(recorded.Data.Reason), recorded.Timestamp);
    }

    /// <summary><c>payment-refunded</c> → <see cref="Wire.PaymentRefunded"/>.</summary>
    public static Wire.PaymentRefunded ToContract(RecordedEvent<PaymentRefunded.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var d = recorded.Data;
        return new Wire.PaymentRefunded(recorded.Aggregate.Key, PaymentCommandHandlers.PaymentId(recorded.Aggregate), d.Amount, d.Currency, recorded.Timestamp);
    }
}
