using System.Text.RegularExpressions;
using WeeEvents.Demo.Orders;

namespace WeeEvents.Demo.Tests;

/// <summary>The README's first command, in-process: SQLite and the in-memory bus, nothing to install.</summary>
public sealed partial class EmbeddedDemoTests
{
    [Fact]
    public async Task Forty_orders_all_end_as_their_scenarios_allow_and_every_unit_and_euro_adds_up()
    {
        using var console = new TestConsole();

        var report = await DemoRun.RunAsync(DemoRuns.Options(40), console.Console, TestContext.Current.CancellationToken);

        Assert.True(report.ExitCode == DemoCommand.Success, console.ToString());
        DemoRuns.AssertAddsUp(report, 40);
        // The mix reaches every kind of end: completed, both rejections and both cancellations.
        Assert.Contains(new OrderEnd(OrderOutcome.Completed, "paid and shipped"), report.Outcomes.Keys);
        Assert.Contains(new OrderEnd(OrderOutcome.Rejected, "unknown SKU"), report.Outcomes.Keys);
        Assert.Contains(new OrderEnd(OrderOutcome.Rejected, "not enough stock"), report.Outcomes.Keys);
        Assert.Contains(new OrderEnd(OrderOutcome.Cancelled, "payment declined"), report.Outcomes.Keys);
        Assert.True(report.OrdersPerSecond > 0);
        Assert.Contains("orders/s", console.Output, StringComparison.Ordinal);
        Assert.Contains("PASS stock adds up for every SKU", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_database_is_deleted_after_the_run_unless_kept()
    {
        using var deleted = new TestConsole();
        using var kept = new TestConsole();

        var first = await DemoRun.RunAsync(DemoRuns.Options(5), deleted.Console, TestContext.Current.CancellationToken);
        var second = await DemoRun.RunAsync(DemoRuns.Options(5) with { Keep = true }, kept.Console, TestContext.Current.CancellationToken);

        Assert.True(first.Passed, deleted.ToString());
        Assert.True(second.Passed, kept.ToString());
        Assert.False(File.Exists(StorePath(deleted.Output)));
        var file = StorePath(kept.Output);
        try
        {
            Assert.True(File.Exists(file), kept.ToString());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Through_the_command_line_a_good_run_exits_zero()
    {
        using var console = new TestConsole();

        var exit = await DemoCommand.InvokeAsync(["--orders", "20", "--concurrency", "4", "--urls", DemoRuns.AnyFreePort], console.Console, TestContext.Current.CancellationToken);

        Assert.True(exit == DemoCommand.Success, console.ToString());
        Assert.Matches(@"20 of 20 orders terminal in [\d.,]+ s: [\d.,]+ orders/s", console.Output);
    }

    private static string StorePath(string output) => StoreLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(output);

    [GeneratedRegex(@"Store\s+SQLite (\S+events\.db)")]
    private static partial Regex StoreLine();
}
