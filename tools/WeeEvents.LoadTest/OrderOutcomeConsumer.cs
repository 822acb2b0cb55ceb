using MassTransit;
using Wire = WeeEvents.Contracts.Order;

namespace WeeEvents.LoadTest;

/// <summary>Hears the Order service's outcome events on the driver's own queue: the stop-watch of each order.</summary>
internal sealed class OrderOutcomeConsumer(OrderOutcomes outcomes) :
    IConsumer<Wire.OrderCompleted>,
    IConsumer<Wire.OrderRejected>,
    IConsumer<Wire.OrderCancelled>
{
    public Task Consume(ConsumeContext<Wire.OrderCompleted> context)
    {
        outcomes.Report(context.Message.OrderId, OrderOutcome.Completed);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Wire.OrderRejected> context)
    {
        outcomes.Report(context.Message.OrderId, OrderOutcome.Rejected);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Wire.OrderCancelled> context)
    {
        outcomes.Report(context.Message.OrderId, OrderOutcome.Cancelled);
        return Task.CompletedTask;
    }
}
