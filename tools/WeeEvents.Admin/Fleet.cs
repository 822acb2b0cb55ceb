using WeeEvents.Hosting;
using WeeEvents.Messaging;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Shipping;

namespace WeeEvents.Admin;

/// <summary>
/// Every service of the order flow as the tool knows it: their modules, so their route tables. A route's name is its
/// queue (<c>{route}</c>) and its parked messages' queue (<c>{route}_error</c>, <see cref="ParkedMessages.ErrorQueues"/>).
/// </summary>
public static class Fleet
{
    /// <summary>The four services' modules (Payment's with the simulated gateway: only its routes are read).</summary>
    public static IReadOnlyList<ServiceModule> Modules { get; } =
        [OrderModule.Module, InventoryModule.Module, PaymentModule.Create(), ShippingModule.Module];

    /// <summary>Every route of every service.</summary>
    public static MessageRoutes Routes { get; } = Modules.Aggregate(MessageRoutes.Empty, (all, m) => all.Merge(m.Inbound));

    /// <summary>Every route's <c>_error</c> queue.</summary>
    public static IEnumerable<string> ErrorQueues => Routes.Routes.Select(r => ParkedMessages.ErrorQueues.ErrorQueueOf(r.Name));
}
