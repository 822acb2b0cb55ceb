namespace WeeEvents.Demo.Tests;

/// <summary>What every run of these tests shares: a free port, and a deadline generous enough for a busy machine.</summary>
public static class DemoRuns
{
    public const string AnyFreePort = "http://127.0.0.1:0";

    public static DemoOptions Options(int orders) => new(Orders: orders, Concurrency: 8, Timeout: TimeSpan.FromSeconds(240), Urls: AnyFreePort);

    /// <summary>The outcome counts add up: every order of every scenario ended exactly once.</summary>
    public static void AssertAddsUp(DemoReport report, int orders)
    {
        Assert.Equal(orders, report.Outcomes.Values.Sum());
        Assert.Equal(orders, report.Scenarios.Sum(s => s.Placed));
        Assert.All(report.Scenarios, s =>
        {
            Assert.Equal(s.Placed, s.Completed + s.Rejected + s.Cancelled);
            Assert.Equal(0, s.Unfinished);
        });
        Assert.Equal(report.Outcomes.Where(o => o.Key.Outcome == Orders.OrderOutcome.Completed).Sum(o => o.Value), report.Scenarios.Sum(s => s.Completed));
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.All(report.Stock, s => Assert.Null(s.Problem));
    }
}
