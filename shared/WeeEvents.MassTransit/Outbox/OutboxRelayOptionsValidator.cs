using FluentValidation;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>Refuses relay settings that cannot work, naming the key under <c>WeeEvents:Outbox</c>.</summary>
public sealed class OutboxRelayOptionsValidator : AbstractValidator<OutboxRelayOptions>
{
    private const string S = OutboxRelayOptions.Section;

    /// <summary>The rules, each naming its key.</summary>
    public OutboxRelayOptionsValidator()
    {
        RuleFor(o => o.Name).NotEmpty().WithMessage($"{S}:Name must not be empty.");
        RuleFor(o => o.BatchSize).InclusiveBetween(1, 10_000).WithMessage($"{S}:BatchSize must be between 1 and 10000.");
        RuleFor(o => o.PollInterval).Positive($"{S}:PollInterval");
        RuleFor(o => o.PublishTimeout).Positive($"{S}:PublishTimeout");
        RuleFor(o => o.RetryDelay).Positive($"{S}:RetryDelay");
        RuleFor(o => o.MaxRetryDelay).GreaterThanOrEqualTo(o => o.RetryDelay).WithMessage($"{S}:MaxRetryDelay must not be shorter than RetryDelay.");
        RuleFor(o => o.PendingCountInterval).Positive($"{S}:PendingCountInterval");
    }
}
