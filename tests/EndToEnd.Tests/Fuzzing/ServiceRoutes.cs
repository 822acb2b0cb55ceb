using System.Reflection;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Shipping;

namespace WeeEvents.EndToEnd.Tests.Fuzzing;

/// <summary>A command a client may send over HTTP: its route name, payload type and documented example body.</summary>
public sealed record RoutedCommand(string Name, Type PayloadType, string? ExampleJson);

/// <summary>
/// The routes a service description maps, read from the description itself: <c>GET /{type}/{key}</c>,
/// <c>GET /{type}/{key}/events</c>, <c>POST /{type}/{key}/{command}</c> for every public command, and the names of its
/// internal commands (which must answer 404 like any unknown one).
/// </summary>
public sealed record ServiceRoutes(string EntityType, IReadOnlyList<RoutedCommand> Commands, IReadOnlyList<string> InternalCommands)
{
    public static ServiceRoutes Of<TState>(ServiceDescription<TState> description) => new(
        description.Info.Aggregate,
        description.Dispatcher.PublicCommands.Select(c => new RoutedCommand(c.Name, c.CommandType, ExampleOf(c.CommandType))).ToArray(),
        description.Dispatcher.Commands.Where(c => c.Exposure == CommandExposure.Internal).Select(c => c.Name).ToArray());

    /// <summary>The descriptions a service's host maps.</summary>
    public static IReadOnlyList<ServiceRoutes> Of(FlowService service) => service switch
    {
        FlowService.Order => [Of(OrderService.Description)],
        FlowService.Inventory => [Of(InventoryItemService.Description), Of(StockReservationService.Description)],
        FlowService.Payment => [Of(PaymentService.Description(new SimulatedPaymentGateway()))],
        FlowService.Shipping => [Of(ShippingService.Description)],
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>The example a command documents (a static <c>Example</c> beside its payload record), as JSON.</summary>
    private static string? ExampleOf(Type payload) =>
        payload.DeclaringType?.GetField("Example", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is { } example
            ? JsonSerializer.Serialize(example, payload, WeeEventsJson.Options)
            : null;
}
