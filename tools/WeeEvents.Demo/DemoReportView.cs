using Spectre.Console;
using WeeEvents.Demo.Checks;
using WeeEvents.Demo.Orders;

namespace WeeEvents.Demo;

/// <summary>Renders a <see cref="DemoReport"/>: outcomes, scenarios, stock, time, and the checks.</summary>
public static class DemoReportView
{
    /// <summary>Writes the report to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, DemoReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.Write(Outcomes(report));
        console.Write(Scenarios(report));
        console.Write(Stock(report.Stock));
        var terminal = report.Outcomes.Values.Sum();
        console.MarkupLineInterpolated($"[bold]{terminal:N0}[/] of {report.Orders:N0} orders terminal in [bold]{report.Elapsed.TotalSeconds:N2} s[/]: [bold]{report.OrdersPerSecond:N1} orders/s[/]");
        console.WriteLine();
        foreach (var check in report.Checks)
        {
            if (check.Passed)
            {
                console.MarkupLineInterpolated($"[green]PASS[/] {check.Name}: [grey]{check.Detail}[/]");
            }
            else
            {
                console.MarkupLineInterpolated($"[red]FAIL[/] {check.Name}: {check.Detail}");
            }
        }

        console.WriteLine();
        console.MarkupLine(report.Passed
            ? "[green]Every order reached a terminal state and every unit and every euro is accounted for.[/]"
            : $"[red]The demo found a problem (exit code {report.ExitCode}): see FAIL above.[/]");
    }

    private static Table Outcomes(DemoReport report)
    {
        var table = new Table().Title("Outcomes").AddColumn("outcome").AddColumn("reason").AddColumn(new TableColumn("orders").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        var total = Math.Max(1, report.Orders);
        foreach (var (end, count) in report.Outcomes.OrderBy(o => o.Key.Outcome).ThenByDescending(o => o.Value))
        {
            table.AddRow(Markup.Escape(end.Outcome.ToString().ToLowerInvariant()), Markup.Escape(end.Reason), $"{count:N0}", $"{100.0 * count / total:N1} %");
        }

        var unfinished = report.Orders - report.Outcomes.Values.Sum();
        if (unfinished > 0)
        {
            table.AddRow("[red]not terminal[/]", "deadline passed or not placed", $"[red]{unfinished:N0}[/]", $"{100.0 * unfinished / total:N1} %");
        }

        return table;
    }

    private static Table Scenarios(DemoReport report)
    {
        var table = new Table().Title("By scenario")
            .AddColumn("scenario").AddColumn(new TableColumn("placed").RightAligned()).AddColumn(new TableColumn("completed").RightAligned())
            .AddColumn(new TableColumn("rejected").RightAligned()).AddColumn(new TableColumn("cancelled").RightAligned()).AddColumn("may end");
        foreach (var row in report.Scenarios)
        {
            var expected = string.Join(" or ", DemoScenarios.Expected(row.Scenario).Select(o => o.ToString().ToLowerInvariant()));
            table.AddRow(Markup.Escape(DemoScenarios.Label(row.Scenario)), $"{row.Placed:N0}", $"{row.Completed:N0}", $"{row.Rejected:N0}", $"{row.Cancelled:N0}", expected);
        }

        return table;
    }

    private static Table Stock(IReadOnlyList<StockLine> stock)
    {
        var table = new Table().Title("Stock")
            .AddColumn("SKU").AddColumn(new TableColumn("stocked").RightAligned()).AddColumn(new TableColumn("available").RightAligned())
            .AddColumn(new TableColumn("reserved").RightAligned()).AddColumn(new TableColumn("committed").RightAligned())
            .AddColumn(new TableColumn("sold").RightAligned()).AddColumn("adds up");
        foreach (var line in stock)
        {
            table.AddRow(Markup.Escape(line.Sku), $"{line.Stocked:N0}", $"{line.Available:N0}", $"{line.Reserved:N0}", $"{line.Committed:N0}", $"{line.Sold:N0}",
                line.Problem is null ? "[green]yes[/]" : $"[red]{Markup.Escape(line.Problem)}[/]");
        }

        return table;
    }
}
