using FluentValidation;

namespace WeeEvents.MassTransit.Transport;

/// <summary>Refuses a transport setting that cannot work, naming the configuration key to fix.</summary>
public sealed class TransportOptionsValidator : AbstractValidator<TransportOptions>
{
    /// <summary>The rules: a known transport; for RabbitMQ, a usable connection string.</summary>
    public TransportOptionsValidator()
    {
        RuleFor(o => o.Transport).Must((o, _) => o.Resolve() is not null)
            .WithMessage(o => $"{TransportOptions.TransportKey} must be one of {string.Join(", ", Enum.GetNames<MessagingTransport>())}; it is '{o.Transport}'.");
        When(o => o.Resolve() == MessagingTransport.RabbitMq, () =>
        {
            RuleFor(o => o.RabbitMq).NotEmpty()
                .WithMessage($"{TransportOptions.RabbitMqKey} is required when {TransportOptions.TransportKey} is RabbitMq (amqp://user:password@host:5672/vhost).")
                .DependentRules(() => RuleFor(o => o.RabbitMq).Custom((value, context) =>
                {
                    if (!RabbitMqAddress.TryParse(value, out _, out var error))
                    {
                        context.AddFailure($"{TransportOptions.RabbitMqKey} is not usable: {error}");
                    }
                }));
        });
    }
}
