using MassTransit;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>
/// Endpoint settings for a WeeEvents consumer, kept next to it: message retry with exponential back-off for
/// revision conflicts and transient failures; no retry for invalid commands or broken domain rules (retrying cannot
/// change the answer; lost revision races are retried first, and quickly, by <see cref="InboxProcessor"/>); concurrency and prefetch;
/// and, inside the retry, the service's <see cref="ConsumerPartitions"/> (one correlation at a time). A message that still fails goes to the endpoint's <c>_error</c>
/// queue with the exception in its headers (MassTransit's default fault handling).
/// </summary>
public class WeeEventsConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>Sets the defaults: 8 concurrent messages, prefetch 16, 5 retries from 100 ms to 5 s.</summary>
    public WeeEventsConsumerDefinition() => ConcurrentMessageLimit = 8;

    /// <summary>Retries after the first attempt.</summary>
    public int RetryLimit { get; init; } = 5;

    /// <summary>The first retry delay.</summary>
    public TimeSpan MinRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How much the delay grows per retry.</summary>
    public TimeSpan RetryIntervalDelta { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether this consumer takes its turn in the service's <see cref="ConsumerPartitions"/> (default true). Set it to
    /// false for a consumer whose handling waits on the outside world, such as a payment gateway: while it waits it
    /// would hold up every other correlation of its partition, including the message that would end the wait.
    /// </summary>
    public bool PartitionByCorrelation { get; init; } = true;

    /// <summary>Messages the broker delivers ahead (RabbitMQ only).</summary>
    public int PrefetchCount { get; init; } = 16;

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = Math.Max(PrefetchCount, ConcurrentMessageLimit ?? 1);
        }

        endpointConfigurator.UseMessageRetry(retry => ConsumerRetry.Configure(retry, RetryLimit, MinRetryInterval, MaxRetryInterval, RetryIntervalDelta));

        // Inside the retry: a message waiting out a back-off leaves its partition to others.
        if (PartitionByCorrelation && context?.GetService(typeof(ConsumerPartitions)) is ConsumerPartitions partitions)
        {
            endpointConfigurator.UsePartitioner(partitions.Partitioner, ConsumerPartitions.KeyOf, ConsumerPartitions.KeyEncoding);
        }
    }
}
