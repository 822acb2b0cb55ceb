using FluentValidation;

namespace WeeEvents.AspNetCore.RateLimiting;

/// <summary>Stops start-up on rate limits that cannot work, naming the key under <c>WeeEvents:Http:RateLimit</c>.</summary>
internal sealed class WeeEventsRateLimitOptionsValidator : AbstractValidator<WeeEventsRateLimitOptions>
{
    private const string S = WeeEventsRateLimitOptions.Section;

    public WeeEventsRateLimitOptionsValidator()
    {
        RuleFor(o => o.PermitLimit).Within($"{S}:{nameof(WeeEventsRateLimitOptions.PermitLimit)}", 1, 1_000_000);
        RuleFor(o => o.PermitsPerSecond).Within($"{S}:{nameof(WeeEventsRateLimitOptions.PermitsPerSecond)}", 1, 1_000_000);
        RuleFor(o => o.StrictPermitLimit).Within($"{S}:{nameof(WeeEventsRateLimitOptions.StrictPermitLimit)}", 1, 1_000_000);
        RuleFor(o => o.StrictWindow).Within($"{S}:{nameof(WeeEventsRateLimitOptions.StrictWindow)}", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        RuleFor(o => o.StrictCommands)
            .Must(commands => commands is not null && commands.All(c => c.Split('/') is [{ Length: > 0 }, { Length: > 0 }]))
            .WithMessage($"{S}:StrictCommands must name commands as {{entity-type}}/{{command}}.");
    }
}
