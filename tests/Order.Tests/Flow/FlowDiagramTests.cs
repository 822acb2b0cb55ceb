using System.Text.RegularExpressions;
using WeeEvents.Services.Inventory.Integration;
using WeeEvents.Services.Order.Integration;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.Services.Payment.Integration;
using WeeEvents.Services.Shipping.Integration;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>The README's flow diagram says exactly what the services' route tables do.</summary>
public partial class FlowDiagramTests
{
    [Fact]
    public void Every_arrow_of_the_readme_flow_is_a_route_and_every_route_is_an_arrow()
    {
        var routes = new[]
            {
                OrderInbound.Routes,
                InventoryInbound.Routes,
                PaymentInbound.Routes(PaymentService.Description(new SimulatedPaymentGateway())),
                ShippingInbound.Routes,
            }
            .SelectMany(r => r.Routes)
            .Select(r => $"{r.MessageType.Name} -> {r.Name}")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(routes, DiagramArrows());
    }

    /// <summary>
    /// <c>Order --OrderPlaced--> Inventory: reserve-stock; Payment: request</c> gives
    /// <c>OrderPlaced -> inventory.reserve-stock</c> and <c>OrderPlaced -> payment.request</c>.
    /// </summary>
    private static string[] DiagramArrows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        return readme.Split('\n')
            .Select(line => Arrow().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups["targets"].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(target => target.Split(':', 2, StringSplitOptions.TrimEntries))
                .Select(t => $"{m.Groups["contract"].Value} -> {t[0].ToLowerInvariant()}.{t[1]}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WeeEvents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WeeEvents.sln) is not above the test's directory.");
    }

    [GeneratedRegex(@"^\w+\s+--(?<contract>\w+)-*>\s*(?<targets>.+)$")]
    private static partial Regex Arrow();
}
