using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Domain.Commands;

namespace WeeEvents.Demo.Orders;

/// <summary>One order the demo places: its id, its scenario and the place-order command sent over HTTP.</summary>
/// <param name="OrderId">The order id (the aggregate key).</param>
/// <param name="Scenario">What kind of order it is.</param>
/// <param name="Command">The place-order body.</param>
public sealed record OrderPlan(string OrderId, DemoScenario Scenario, PlaceOrder.Command Command);

/// <summary>The mix of orders of one run: mostly approved, and every way an order can go otherwise.</summary>
public static class OrderMix
{
    // One cycle of 20 orders: 10 approved, 2 flaky, 2 declined, 3 scarce, 2 customer-cancelled, 1 unknown SKU.
    private static readonly DemoScenario[] Cycle =
    [
        DemoScenario.Approved, DemoScenario.Approved, DemoScenario.ScarceStock, DemoScenario.FlakyPayment,
        DemoScenario.Approved, DemoScenario.DeclinedPayment, DemoScenario.Approved, DemoScenario.CustomerCancel,
        DemoScenario.Approved, DemoScenario.ScarceStock, DemoScenario.Approved, DemoScenario.UnknownSku,
        DemoScenario.Approved, DemoScenario.FlakyPayment, DemoScenario.Approved, DemoScenario.ScarceStock,
        DemoScenario.Approved, DemoScenario.DeclinedPayment, DemoScenario.CustomerCancel, DemoScenario.Approved,
    ];

    private static readonly ShippingAddress[] Addresses =
    [
        new("Ada Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB"),
        new("Grace Hopper", "1 Navy Yard", "Arlington", "22202", "US"),
        new("Alan Turing", "Bletchley Park", "Milton Keynes", "MK3 6EB", "GB"),
        new("Katherine Johnson", "2 Langley Blvd", "Hampton", "23681", "US"),
    ];

    /// <summary>The scenario of the <paramref name="index"/>-th order.</summary>
    public static DemoScenario ScenarioOf(int index) => Cycle[index % Cycle.Length];

    /// <summary>How many of <paramref name="orders"/> orders are of <paramref name="scenario"/>.</summary>
    public static int Count(int orders, DemoScenario scenario) => Enumerable.Range(0, orders).Count(i => ScenarioOf(i) == scenario);

    /// <summary>The orders of a run; the same <paramref name="seed"/> gives the same lines.</summary>
    public static IReadOnlyList<OrderPlan> Plan(string tag, int orders, DemoCatalogue catalogue, int seed = 20261127)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var random = new Random(seed);
        return [.. Enumerable.Range(0, orders).Select(i => Order(tag, i, catalogue, random))];
    }

    private static OrderPlan Order(string tag, int index, DemoCatalogue catalogue, Random random)
    {
        var scenario = ScenarioOf(index);
        var lines = new List<OrderLine>();
        switch (scenario)
        {
            case DemoScenario.ScarceStock:
                lines.Add(Line(catalogue.Scarce, DemoCatalogue.ScarceUnitsPerOrder));
                lines.Add(Line(Pick(catalogue.Plentiful, random), 1));
                break;
            case DemoScenario.UnknownSku:
                lines.Add(Line(catalogue.Unknown, 1));
                lines.Add(Line(Pick(catalogue.Plentiful, random), 1));
                break;
            default:
                foreach (var product in catalogue.Plentiful.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    lines.Add(Line(product, random.Next(1, DemoCatalogue.MaxUnitsPerLine + 1)));
                }

                break;
        }

        var token = scenario switch
        {
            DemoScenario.FlakyPayment => "tok_flaky",
            DemoScenario.DeclinedPayment => "tok_decline",
            _ => "tok_visa",
        };
        var command = new PlaceOrder.Command($"customer-{index % 37 + 1}", DemoCatalogue.Currency, lines, Addresses[index % Addresses.Length], token);
        return new OrderPlan(IdOf(tag, index), scenario, command);
    }

    /// <summary>The id of the run's order number <paramref name="index"/> (from zero).</summary>
    public static string IdOf(string tag, int index) => $"{tag}-{index + 1:D5}";

    private static DemoProduct Pick(IReadOnlyList<DemoProduct> products, Random random) => products[random.Next(products.Count)];

    private static OrderLine Line(DemoProduct product, int quantity) => new(product.Sku, quantity, product.UnitPrice);
}
