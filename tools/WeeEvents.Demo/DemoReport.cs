using WeeEvents.Demo.Checks;
using WeeEvents.Demo.Orders;

namespace WeeEvents.Demo;

/// <summary>How many orders of one scenario ended where.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Placed">Orders placed.</param>
/// <param name="Completed">Ended completed.</param>
/// <param name="Rejected">Ended rejected.</param>
/// <param name="Cancelled">Ended cancelled.</param>
/// <param name="Unfinished">Not terminal by the deadline.</param>
public sealed record ScenarioOutcomes(DemoScenario Scenario, int Placed, int Completed, int Rejected, int Cancelled, int Unfinished);

/// <summary>What a demo run found: the outcomes, the time it took, the checks, and the exit code they give.</summary>
/// <param name="Orders">Orders the run set out to place.</param>
/// <param name="Elapsed">From the first order to the last one reaching a terminal state (or the deadline).</param>
/// <param name="Outcomes">Terminal orders by outcome and reason.</param>
/// <param name="Scenarios">Outcomes per scenario.</param>
/// <param name="Stock">Every SKU's books.</param>
/// <param name="Checks">What was checked.</param>
/// <param name="ExitCode">The process exit code (see <see cref="DemoCommand"/>).</param>
/// <param name="Error">Why the run could not be made, when it could not.</param>
public sealed record DemoReport(
    int Orders,
    TimeSpan Elapsed,
    IReadOnlyDictionary<OrderEnd, int> Outcomes,
    IReadOnlyList<ScenarioOutcomes> Scenarios,
    IReadOnlyList<StockLine> Stock,
    IReadOnlyList<DemoCheck> Checks,
    int ExitCode,
    string? Error = null)
{
    /// <summary>Terminal orders per second over <see cref="Elapsed"/>.</summary>
    public double OrdersPerSecond => Elapsed > TimeSpan.Zero ? Outcomes.Values.Sum() / Elapsed.TotalSeconds : 0;

    /// <summary>True when every check held.</summary>
    public bool Passed => ExitCode == DemoCommand.Success;

    /// <summary>A run that could not be made.</summary>
    public static DemoReport Failed(int orders, int exitCode, string error) =>
        new(orders, TimeSpan.Zero, new Dictionary<OrderEnd, int>(), [], [], [], exitCode, error);
}
