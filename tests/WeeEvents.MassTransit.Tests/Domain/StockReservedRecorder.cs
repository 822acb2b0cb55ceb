using System.Collections.Concurrent;
using MassTransit;
using WeeEvents.MassTransit.Tests.Contracts;

namespace WeeEvents.MassTransit.Tests.Domain;

/// <summary>Service A hears B's answer (no inbox: it only records what arrived).</summary>
public sealed class StockReservedRecorder(ReservationLog log) : IConsumer<StockReserved>
{
    public Task Consume(ConsumeContext<StockReserved> context)
    {
        log.Received.Enqueue((context.MessageId!.Value, context.Message));
        return Task.CompletedTask;
    }
}

public sealed class ReservationLog
{
    public ConcurrentQueue<(Guid MessageId, StockReserved Message)> Received { get; } = new();
}
