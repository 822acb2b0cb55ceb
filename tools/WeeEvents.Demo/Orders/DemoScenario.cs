namespace WeeEvents.Demo.Orders;

/// <summary>What kind of order the demo places, and how it may end.</summary>
public enum DemoScenario
{
    /// <summary>Plenty of stock, a good card: completes.</summary>
    Approved,

    /// <summary><c>tok_flaky</c>: the gateway fails once, the retry is approved: completes.</summary>
    FlakyPayment,

    /// <summary><c>tok_decline</c>: the charge is declined, the order is cancelled and its stock released.</summary>
    DeclinedPayment,

    /// <summary>A line for a SKU nobody stocks: rejected, nothing held.</summary>
    UnknownSku,

    /// <summary>Two units of a SKU stocked for about half of these orders: completed while it lasts, then rejected.</summary>
    ScarceStock,

    /// <summary>Cancelled by the customer right after placing: cancelled, or completed when the payment won the race.</summary>
    CustomerCancel,
}

/// <summary>The outcomes each scenario may reach.</summary>
public static class DemoScenarios
{
    /// <summary>Every scenario, in the order the report lists them.</summary>
    public static IReadOnlyList<DemoScenario> All { get; } = Enum.GetValues<DemoScenario>();

    /// <summary>The terminal states an order of <paramref name="scenario"/> may end in.</summary>
    public static IReadOnlyList<OrderOutcome> Expected(DemoScenario scenario) => scenario switch
    {
        DemoScenario.Approved or DemoScenario.FlakyPayment => [OrderOutcome.Completed],
        DemoScenario.DeclinedPayment => [OrderOutcome.Cancelled],
        DemoScenario.UnknownSku => [OrderOutcome.Rejected],
        DemoScenario.ScarceStock => [OrderOutcome.Completed, OrderOutcome.Rejected],
        DemoScenario.CustomerCancel => [OrderOutcome.Cancelled, OrderOutcome.Completed],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>How the report names a scenario.</summary>
    public static string Label(DemoScenario scenario) => scenario switch
    {
        DemoScenario.Approved => "approved card",
        DemoScenario.FlakyPayment => "flaky gateway (tok_flaky)",
        DemoScenario.DeclinedPayment => "declined card (tok_decline)",
        DemoScenario.UnknownSku => "unknown SKU",
        DemoScenario.ScarceStock => "scarce SKU",
        DemoScenario.CustomerCancel => "cancelled by customer",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };
}
