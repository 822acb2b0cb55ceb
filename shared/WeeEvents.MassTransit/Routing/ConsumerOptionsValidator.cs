using Microsoft.Extensions.Options;

namespace WeeEvents.MassTransit.Routing;

/// <summary>Stops start-up on consumer settings that cannot work, naming the key.</summary>
internal sealed class ConsumerOptionsValidator : IValidateOptions<ConsumerOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsumerOptions options)
    {
        var failures = new List<string>();
        if (options.Partitions is not null)
        {
            failures.Add($"{ConsumerOptions.Section}:Partitions is no longer read: messages for the same stream take turns in the storage; size the turns with WeeEvents:Database:StreamTurns and the messages each route handles at once with {ConsumerOptions.Section}:ConcurrentMessages.");
        }

        if (options.ConcurrentMessages < 1)
        {
            failures.Add($"{ConsumerOptions.Section}:ConcurrentMessages must be at least 1.");
        }

        if (options.Prefetch < 1)
        {
            failures.Add($"{ConsumerOptions.Section}:Prefetch must be at least 1.");
        }

        if (options.ConflictPauses.Any(i => i < TimeSpan.Zero) || options.RetryPauses.Any(i => i < TimeSpan.Zero))
        {
            failures.Add($"{ConsumerOptions.Section}:ConflictRetryIntervals and RetryIntervals must not be negative.");
        }

        if (options.OutageProbeInterval <= TimeSpan.Zero)
        {
            failures.Add($"{ConsumerOptions.Section}:OutageProbeInterval must be positive.");
        }

        if (options.ResolveQueueType() is null)
        {
            failures.Add($"{ConsumerOptions.Section}:QueueType must be one of {string.Join(", ", Enum.GetNames<RouteQueueType>())}; it is '{options.QueueType}'.");
        }

        if (options.ResolveConsumeTopology() is null)
        {
            failures.Add($"{ConsumerOptions.Section}:ConsumeTopology must be one of {string.Join(", ", Enum.GetNames<RouteTopology>())}; it is '{options.ConsumeTopology}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
