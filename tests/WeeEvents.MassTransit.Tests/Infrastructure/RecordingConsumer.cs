using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.MassTransit.Tracing;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>A plain consumer that records every delivery in arrival order (no inbox), to see exactly what was published.</summary>
public sealed class RecordingConsumer(DeliveryLog log) : IConsumer<ItemOrdered>
{
    public Task Consume(ConsumeContext<ItemOrdered> context)
    {
        log.Deliveries.Enqueue(new Delivery(
            context.MessageId!.Value,
            context.Headers.Get<string>(WeeEventsHeaders.Source)!,
            long.Parse(context.Headers.Get<string>(WeeEventsHeaders.SourceRevision)!, CultureInfo.InvariantCulture),
            context.Message));
        return Task.CompletedTask;
    }
}

public sealed record Delivery(Guid MessageId, string Source, long Revision, ItemOrdered Message);

public sealed class DeliveryLog
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();
}
