namespace WeeEvents.Services.Order.Domain.Events;

/// <summary>
/// The order did not end by its deadline (<c>WeeEvents:Orders:Deadline</c> after it was placed): recorded before the
/// cancellation it causes, so the history says why, and a replay needs no clock.
/// </summary>
public static class OrderDeadlinePassed
{
    /// <summary>The event type name.</summary>
    public const string Name = "order-deadline-passed";

    /// <summary>The payload.</summary>
    /// <param name="DueAt">When the order should have ended.</param>
    public sealed record Data(DateTimeOffset DueAt);

    /// <summary>The state is unchanged: the cancellation recorded with it ends the order.</summary>
    public static OrderState Reduce(OrderState state, RecordedEvent<Data> recorded) => state;
}
