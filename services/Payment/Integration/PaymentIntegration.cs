using System.Text.Json;
using WeeEvents.Services.Payment.Domain.Commands;
using WeeEvents.Services.Payment.Domain.Events;
using Wire = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Payment.Integration;

/// <summary>The contracts the Payment service publishes, mapped from its recorded events. Pure functions.</summary>
public static class PaymentIntegration
{
    /// <summary>The contract to publish for <paramref name="recorded"/>, or null when the event stays inside the service.</summary>
    public static object? ToContract(RecordedEvent<JsonElement> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.Type switch
        {
            PaymentSucceeded.Name => ToContract(recorded.As<PaymentSucceeded.Data>()),
            PaymentFailed.Name => ToContract(recorded.As<PaymentFailed.Data>()),
            PaymentRefunded.Name => ToContract(recorded.As<PaymentRefunded.Data>()),
            _ => null,
        };
    }

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
        return new Wire.PaymentFailed(recorded.Aggregate.Key, PaymentCommandHandlers.PaymentId(recorded.Aggregate), recorded.Data.Reason, recorded.Timestamp);
    }

    /// <summary><c>payment-refunded</c> → <see cref="Wire.PaymentRefunded"/>.</summary>
    public static Wire.PaymentRefunded ToContract(RecordedEvent<PaymentRefunded.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var d = recorded.Data;
        return new Wire.PaymentRefunded(recorded.Aggregate.Key, PaymentCommandHandlers.PaymentId(recorded.Aggregate), d.Amount, d.Currency, recorded.Timestamp);
    }
}
