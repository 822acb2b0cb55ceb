using Microsoft.Extensions.Options;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>Refuses relay settings that cannot work, naming the key under <c>WeeEvents:Outbox</c>.</summary>
public sealed class OutboxRelayOptionsValidator : IValidateOptions<OutboxRelayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutboxRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                errors.Add($"{OutboxRelayOptions.Section}:{key} {rule}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.Name), nameof(options.Name), "must not be empty");
        Require(options.BatchSize is >= 1 and <= 10_000, nameof(options.BatchSize), "must be between 1 and 10000");
        Require(options.PollInterval > TimeSpan.Zero, nameof(options.PollInterval), "must be positive");
        Require(options.PublishTimeout > TimeSpan.Zero, nameof(options.PublishTimeout), "must be positive");
        Require(options.RetryDelay > TimeSpan.Zero, nameof(options.RetryDelay), "must be positive");
        Require(options.MaxRetryDelay >= options.RetryDelay, nameof(options.MaxRetryDelay), "must not be shorter than RetryDelay");
        Require(options.PendingCountInterval > TimeSpan.Zero, nameof(options.PendingCountInterval), "must be positive");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
