using FluentValidation;

namespace WeeEvents.AspNetCore;

/// <summary>Stops start-up on HTTP settings that cannot work, naming the key under <c>WeeEvents:Http</c>.</summary>
internal sealed class WeeEventsHttpOptionsValidator : AbstractValidator<WeeEventsHttpOptions>
{
    private const string S = WeeEventsHttpOptions.Section;

    public WeeEventsHttpOptionsValidator()
    {
        RuleFor(o => o.MaxCommandBodyBytes).Within($"{S}:{nameof(WeeEventsHttpOptions.MaxCommandBodyBytes)}", 1, int.MaxValue);
        RuleFor(o => o.DefaultEventPageSize).Within($"{S}:{nameof(WeeEventsHttpOptions.DefaultEventPageSize)}", 1, 10_000);
        RuleFor(o => o.MaxEventPageSize).Within($"{S}:{nameof(WeeEventsHttpOptions.MaxEventPageSize)}", 1, 10_000);
        RuleFor(o => o.DefaultEventPageSize).LessThanOrEqualTo(o => o.MaxEventPageSize)
            .WithMessage($"{S}:DefaultEventPageSize must not exceed MaxEventPageSize.");
        RuleFor(o => o.MaxIdempotencyKeyLength).Within($"{S}:{nameof(WeeEventsHttpOptions.MaxIdempotencyKeyLength)}", 1, 200);
        RuleFor(o => o.IdempotencyWait).Within($"{S}:{nameof(WeeEventsHttpOptions.IdempotencyWait)}", TimeSpan.Zero, TimeSpan.FromMinutes(10));
        RuleFor(o => o.IdempotencyClaimTimeout).Within($"{S}:{nameof(WeeEventsHttpOptions.IdempotencyClaimTimeout)}", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        RuleFor(o => o.ProblemTypeBase).NotEmpty().WithMessage($"{S}:{nameof(WeeEventsHttpOptions.ProblemTypeBase)} is required.");
    }
}
