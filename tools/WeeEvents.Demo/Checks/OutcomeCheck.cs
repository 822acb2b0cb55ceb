using WeeEvents.Demo.Orders;

namespace WeeEvents.Demo.Checks;

/// <summary>
/// The orders' own checks: each ended, and each ended as its scenario allows (a declined card cancels, an unknown SKU
/// rejects, a scarce SKU completes or rejects, and so on).
/// </summary>
public static class OutcomeCheck
{
    /// <summary>How the orders of <paramref name="scenario"/> ended.</summary>
    public static ScenarioOutcomes Outcomes(DemoScenario scenario, OrderTracker tracker)
    {
        var orders = tracker.Plans.Where(p => p.Scenario == scenario).ToList();
        var ends = orders.Select(p => tracker.EndOf(p.OrderId)?.Outcome).ToList();
        return new ScenarioOutcomes(
            scenario,
            orders.Count,
            ends.Count(e => e == OrderOutcome.Completed),
            ends.Count(e => e == OrderOutcome.Rejected),
            ends.Count(e => e == OrderOutcome.Cancelled),
            ends.Count(e => e is null));
    }

    /// <summary>Every order reached a terminal state within <paramref name="deadline"/>.</summary>
    public static DemoCheck Terminal(OrderTracker tracker, TimeSpan deadline)
    {
        const string name = "every order reached a terminal state";
        if (tracker.AllTerminal)
        {
            var refused = tracker.Cancels.Values.Count(a => a == CancelAnswer.Refused);
            return new DemoCheck(name, true, $"{tracker.Terminal:N0}/{tracker.Plans.Count:N0} within {deadline.TotalSeconds:N0} s; {tracker.Cancels.Count:N0} customer cancels, {refused:N0} refused as too late");
        }

        var stuck = tracker.Plans.Where(p => tracker.EndOf(p.OrderId) is null).Select(p => p.OrderId).Take(5);
        var failures = tracker.Failures.Take(3).ToList();
        return new DemoCheck(name, false,
            $"{tracker.Terminal:N0}/{tracker.Plans.Count:N0} terminal after {deadline.TotalSeconds:N0} s ({tracker.Placed:N0} placed); e.g. {string.Join(", ", stuck)}" +
            (failures.Count > 0 ? $"; requests failed: {string.Join(" | ", failures)}" : string.Empty));
    }

    /// <summary>Every order ended as its scenario allows.</summary>
    public static DemoCheck Expected(IReadOnlyList<ScenarioOutcomes> scenarios)
    {
        const string name = "every order ended as its scenario allows";
        var wrong = scenarios
            .Select(s => (s, unexpected: Unexpected(s)))
            .Where(x => x.unexpected > 0)
            .Select(x => $"{DemoScenarios.Label(x.s.Scenario)}: {x.unexpected} ended otherwise")
            .ToList();
        return wrong.Count == 0
            ? new DemoCheck(name, true, "approved and flaky completed, declined cancelled, unknown SKU rejected, scarce completed or rejected, customer-cancelled cancelled or completed")
            : new DemoCheck(name, false, string.Join("; ", wrong));
    }

    private static int Unexpected(ScenarioOutcomes s)
    {
        var allowed = DemoScenarios.Expected(s.Scenario);
        return (allowed.Contains(OrderOutcome.Completed) ? 0 : s.Completed)
            + (allowed.Contains(OrderOutcome.Rejected) ? 0 : s.Rejected)
            + (allowed.Contains(OrderOutcome.Cancelled) ? 0 : s.Cancelled);
    }
}
