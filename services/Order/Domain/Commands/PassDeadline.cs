using FluentValidation;
using WeeEvents.Services.Order.Domain.Events;

namespace WeeEvents.Services.Order.Domain.Commands;

/// <summary>
/// Resolves an order that has not ended by its deadline, the Order service's own command (its deadline watch runs it):
/// an order still waiting for its stock or its payment is cancelled, which releases its stock and voids or refunds its
/// payment downstream. A paid order is left alone (its money and goods have moved; it waits for its shipment and is
/// counted in <c>wee_events.orders.overdue</c>), and an order that has ended is not touched: running it twice records
/// nothing more.
/// </summary>
public static class PassDeadline
{
    /// <summary>The command name.</summary>
    public const string Name = "pass-deadline";

    /// <summary>The reason the cancellation gives (Payment and Inventory record it).</summary>
    public const string Reason = "deadline passed";

    /// <summary>The payload.</summary>
    /// <param name="DueAt">When the order should have ended.</param>
    public sealed record Command(DateTimeOffset DueAt);

    /// <summary>Validates the payload.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>A due time is required.</summary>
        public Validator() => RuleFor(c => c.DueAt).NotEqual(default(DateTimeOffset));
    }

    /// <summary>Cancels an order still placed or stock-reserved; records nothing for any other.</summary>
    public static Task Handle(IPublisher publisher, Entity<OrderState> entity, Command command, CancellationToken cancellationToken)
    {
        if (entity.State is OrderState.Placed or OrderState.StockReserved)
        {
            publisher.Publish(OrderDeadlinePassed.Name, new OrderDeadlinePassed.Data(command.DueAt));
            publisher.Publish(OrderCancelled.Name, new OrderCancelled.Data(Reason));
        }

        return Task.CompletedTask;
    }
}
