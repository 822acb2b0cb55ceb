using WeeEvents.Hosting;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Shipping;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What each service's <c>Program.cs</c> does, line for line, so a test host is the deployed service. The only
/// difference: Payment's gateway is handed in, so a test can see what was charged (the module takes any gateway).
/// </summary>
public static class ServiceWiring
{
    /// <summary>The modules the service's host composes (Payment's with the test's gateway).</summary>
    public static ServiceModule[] Modules(FlowService service, IPaymentGateway gateway) => service switch
    {
        FlowService.Order => [OrderModule.Module],
        FlowService.Inventory => [InventoryModule.Module],
        FlowService.Payment => [PaymentModule.Create(gateway)],
        FlowService.Shipping => [ShippingModule.Module],
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };
}
