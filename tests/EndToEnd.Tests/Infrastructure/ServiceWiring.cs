using WeeEvents.Hosting;
using WeeEvents.MassTransit.Routing;
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
    /// <summary>
    /// What compose sets on every service beside its connections: the contract exchanges it consumes, and their bindings,
    /// were deployed by the operator's tool (<see cref="RabbitMqBroker.CreateVirtualHostAsync"/> does), so the service
    /// declares only its own queues and exchanges, all its broker user may configure.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Deployed { get; } =
        [new($"{ConsumerOptions.Section}:{nameof(ConsumerOptions.ConsumeTopology)}", nameof(RouteTopology.Deployed))];

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
