using FluentValidation;

namespace WeeEvents.Services.Payment.Gateway;

/// <summary>Stops start-up on gateway settings that cannot work, naming the key under <c>WeeEvents:Payment:Gateway</c>.</summary>
public sealed class PaymentGatewayOptionsValidator : AbstractValidator<PaymentGatewayOptions>
{
    private const string S = PaymentGatewayOptions.Section;

    /// <summary>The rules: each setting within the range its documentation gives.</summary>
    public PaymentGatewayOptionsValidator()
    {
        RuleFor(o => o.Timeout).Within($"{S}:{nameof(PaymentGatewayOptions.Timeout)}", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10));
        RuleFor(o => o.FailureRatio).Within($"{S}:{nameof(PaymentGatewayOptions.FailureRatio)}", 0.01, 1.0);
        RuleFor(o => o.MinimumThroughput).Within($"{S}:{nameof(PaymentGatewayOptions.MinimumThroughput)}", 2, 10_000);
        RuleFor(o => o.SamplingDuration).Within($"{S}:{nameof(PaymentGatewayOptions.SamplingDuration)}", TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));
        RuleFor(o => o.BreakDuration).Within($"{S}:{nameof(PaymentGatewayOptions.BreakDuration)}", TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));
    }
}
