using System.Collections.Concurrent;
using WeeEvents.MassTransit.Consumers;
using WeeEvents.MassTransit.Tests.Contracts;

namespace WeeEvents.MassTransit.Tests.Domain;

/// <summary>Service B's consumer: reserves stock for an ordered item, with hooks that let tests crash it.</summary>
public sealed class ReserveStockConsumer(InboxProcessor inbox, ConsumerProbe probe) : DeduplicatingConsumer<ItemOrdered>(inbox)
{
    public const string Name = "reserve-stock";

    protected override string InboxName => Name;

    protected override async Task HandleAsync(MessageHandling<ItemOrdered> message)
    {
        probe.Attempts.AddOrUpdate(message.ConsumeContext.MessageId!.Value, 1, (_, n) => n + 1);
        await message.ExecuteAsync(Stock.Description, Stock.ReserveCommand, message.Message.Sku, new Stock.Reserve(message.Message.OrderId, message.Message.Quantity));
        if (probe.AfterAppend is { } hook)
        {
            await hook(message);
        }
    }
}

/// <summary>What a test sees of (and does to) the consumer in one host.</summary>
public sealed class ConsumerProbe
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    /// <summary>Runs after the append, before the commit: throw to "crash" mid-handling.</summary>
    public Func<MessageHandling<ItemOrdered>, Task>? AfterAppend { get; set; }
}

/// <summary>Endpoint settings for the consumer, short retries so tests are quick.</summary>
public sealed class ReserveStockConsumerDefinition : WeeEventsConsumerDefinition<ReserveStockConsumer>
{
    public ReserveStockConsumerDefinition()
    {
        EndpointName = "reserve-stock";
        RetryLimit = 3;
        MinRetryInterval = TimeSpan.FromMilliseconds(50);
        MaxRetryInterval = TimeSpan.FromMilliseconds(500);
        RetryIntervalDelta = TimeSpan.FromMilliseconds(50);
    }
}
