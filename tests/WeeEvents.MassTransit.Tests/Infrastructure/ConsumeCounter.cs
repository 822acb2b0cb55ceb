using System.Collections.Concurrent;
using MassTransit;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>Counts deliveries a host finished (handled or skipped) and faulted, by MessageId.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    public ConcurrentDictionary<Guid, int> Completed { get; } = new();

    public ConcurrentDictionary<Guid, int> Faulted { get; } = new();

    public int CompletedCount(Guid messageId) => Completed.TryGetValue(messageId, out var n) ? n : 0;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Completed.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Faulted.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
