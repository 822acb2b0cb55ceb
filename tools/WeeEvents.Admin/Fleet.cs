using WeeEvents.Hosting;
using WeeEvents.Messaging;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Shipping;

namespace WeeEvents.Admin;

/// <summary>
/// Every service of the order flow as the tool knows it: their modules, so their route tables. A route's name is its
/// queue (<c>{route}</c>) and its parked messages' queue (<c>{route}_error</c>).
/// </summary>
public static class Fleet
{
    /// <summary>The suffix MassTransit gives a route's queue of parked (faulted) messages.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>The four services' modules (Payment's with the simulated gateway: only its routes are read).</summary>
    public static IReadOnlyList<ServiceModule> Modules { get; } =
        [OrderModule.Module, InventoryModule.Module, PaymentModule.Create(), ShippingModule.Module];

    /// <summary>Every route of every service.</summary>
    public static MessageRoutes Routes { get; } = Modules.Aggregate(MessageRoutes.Empty, (all, m) => all.Merge(m.Inbound));

    /// <summary>Every route's <c>_error</c> queue.</summary>
    public static IEnumerable<string> ErrorQueues => Routes.Routes.Select(r => r.Name + ErrorSuffix);

    /// <summary>The queue a parked message is returned to: <c>x_error</c> → <c>x</c>.</summary>
    public static string SourceOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? errorQueue[..^ErrorSuffix.Length] : errorQueue;

    /// <summary>The error queue named by <paramref name="queue"/>: itself when it ends in <c>_error</c>, else the route's.</summary>
    public static string ErrorQueueOf(string queue) =>
        queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? queue : queue + ErrorSuffix;
}
