using System.Collections.Concurrent;
using MassTransit;
using WeeEvents.Contracts.Order;

namespace WeeEvents.Demo.Orders;

/// <summary>Order ids whose outcome was announced on the bus and that the tracker should read again.</summary>
public sealed class OrderEndSignal
{
    private readonly ConcurrentQueue<string> _ended = new();

    /// <summary>Notes that <paramref name="orderId"/> announced an outcome.</summary>
    public void Notify(string orderId) => _ended.Enqueue(orderId);

    /// <summary>Takes every order id noted since the last call.</summary>
    public IReadOnlyList<string> Drain()
    {
        var ids = new List<string>();
        while (_ended.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        return ids;
    }
}

/// <summary>
/// Listens to the outcomes the Order service publishes for observers, so the demo reads an order again when it
/// ended instead of reading every unfinished order many times a second. The order's state, read from the
/// service, stays the authority; the announcement only says when to look.
/// </summary>
public sealed class OrderEndObserver(OrderEndSignal signal) : IConsumer<OrderCompleted>, IConsumer<OrderRejected>, IConsumer<OrderCancelled>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<OrderCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        signal.Notify(context.Message.OrderId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OrderRejected> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        signal.Notify(context.Message.OrderId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OrderCancelled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        signal.Notify(context.Message.OrderId);
        return Task.CompletedTask;
    }
}
