using Microsoft.Extensions.Options;

namespace WeeEvents.MassTransit.Transport;

/// <summary>Refuses a transport setting that cannot work, naming the configuration key to fix.</summary>
public sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = options.Resolve();
        if (transport is null)
        {
            return ValidateOptionsResult.Fail(
                $"{TransportOptions.TransportKey} must be one of {string.Join(", ", Enum.GetNames<MessagingTransport>())}; it is '{options.Transport}'.");
        }

        if (transport != MessagingTransport.RabbitMq)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.RabbitMq))
        {
            return ValidateOptionsResult.Fail(
                $"{TransportOptions.RabbitMqKey} is required when {TransportOptions.TransportKey} is RabbitMq (amqp://user:password@host:5672/vhost).");
        }

        return RabbitMqAddress.TryParse(options.RabbitMq, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TransportOptions.RabbitMqKey} is not usable: {error}");
    }
}
