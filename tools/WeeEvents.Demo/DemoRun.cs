using System.Net.Http.Headers;
using System.Security.Cryptography;
using Spectre.Console;
using WeeEvents.Demo.Checks;
using WeeEvents.Demo.Hosting;
using WeeEvents.Demo.Orders;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Demo;

/// <summary>
/// One demo run: start the four services in one host, restock through HTTP, place the orders through HTTP at the
/// chosen concurrency with a live progress bar, wait for every order to end, check the books, print the report.
/// </summary>
public static class DemoRun
{
    // How often the run reads unfinished orders and the books while waiting for them.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the demo and returns the exit code.</summary>
    public static async Task<int> RunToExitCodeAsync(DemoOptions options, DemoConsole console, CancellationToken cancellationToken) =>
        (await RunAsync(options, console, cancellationToken)).ExitCode;

    /// <summary>Runs the demo; with <see cref="DemoOptions.Serve"/> it returns only once the host is stopped.</summary>
    public static async Task<DemoReport> RunAsync(DemoOptions options, DemoConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
        var ansi = console.Ansi;
        ansi.Write(new Rule("[bold]WeeEvents demo[/]: Order, Inventory, Payment and Shipping in one process").LeftJustified());

        DemoHost host;
        try
        {
            host = await DemoHost.StartAsync(options, tag, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return DemoReport.Failed(options.Orders, DemoCommand.Interrupted, "Interrupted.");
        }
#pragma warning disable CA1031 // Whatever stops the start is reported with its message and the start-failed exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"The demo could not start: {Describe(e)}";
            await console.Error.WriteLineAsync(message);
            if (options.Transport == DemoTransport.RabbitMq)
            {
                await console.Error.WriteLineAsync($"Is RabbitMQ running at {options.RabbitMqUrl ?? DemoOptions.DefaultRabbitMqUrl}? (--rabbitmq names another broker)");
            }

            return DemoReport.Failed(options.Orders, DemoCommand.StartFailed, message);
        }

        await using (host)
        {
            ansi.MarkupLineInterpolated($"API    [link]{host.BaseAddress}[/] (explore it at [link]{new Uri(host.BaseAddress, "scalar")}[/])");
            ansi.MarkupLineInterpolated($"Store  {host.Database.Description}{(host.Database.IsOwned && !options.Keep ? " (deleted after the run; --keep keeps it)" : string.Empty)}");
            ansi.MarkupLineInterpolated($"Bus    {host.Transport}");
            ansi.MarkupLineInterpolated($"Orders {options.Orders:N0} at concurrency {options.Concurrency:N0}, run {tag}, deadline {options.Deadline.TotalSeconds:N0} s");
            ansi.WriteLine();

            DemoReport report;
            try
            {
                report = await RunOrdersAsync(host, options, tag, ansi, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return DemoReport.Failed(options.Orders, DemoCommand.Interrupted, "Interrupted.");
            }
            catch (DemoRequestFailed e)
            {
                await console.Error.WriteLineAsync($"The demo could not set up its stock: {e.Message}");
                return DemoReport.Failed(options.Orders, DemoCommand.ChecksFailed, e.Message);
            }

            DemoReportView.Write(ansi, report);
            if (options.Serve)
            {
                await using var operations = await DemoOperationsConsole.StartAsync(host, cancellationToken);
                ansi.MarkupLineInterpolated($"Serving the four services at [link]{host.BaseAddress}[/] ([link]{new Uri(host.BaseAddress, "scalar")}[/]); Ctrl+C stops.");
                ansi.MarkupLineInterpolated($"Bearer token (Authorization: Bearer ...): {host.ClientToken()}");
                ansi.MarkupLineInterpolated($"Operations console at [link]{operations.Address}[/]; signed in as {DemoOperationsConsole.Operator}, the first order's conversation:");
                ansi.MarkupLineInterpolated($"  [link]{operations.SignInLink($"/conversations?id={OrderMix.IdOf(tag, 0)}")}[/]");
                try
                {
                    await host.App.WaitForShutdownAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the way out of --serve.
                }
            }

            if (options.Keep && host.Database.IsOwned)
            {
                ansi.MarkupLineInterpolated($"Kept {host.Database.Description}");
            }

            return report;
        }
    }

    private static async Task<DemoReport> RunOrdersAsync(DemoHost host, DemoOptions options, string tag, IAnsiConsole ansi, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var scarceOrders = OrderMix.Count(options.Orders, DemoScenario.ScarceStock);
        var catalogue = DemoCatalogue.For(tag, options.Orders, scarceOrders * DemoCatalogue.ScarceUnitsPerOrder / 2);
        var plans = OrderMix.Plan(tag, options.Orders, catalogue);
        var tracker = new OrderTracker(services.GetRequiredService<IService<OrderState>>(), plans, services.GetRequiredService<OrderEndSignal>(), time);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = options.Deadline };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.ClientToken());
        var client = new DemoClient(http);

        foreach (var product in catalogue.Stocked)
        {
            await client.RestockAsync(product, cancellationToken);
        }

        ansi.MarkupLineInterpolated($"Restocked and priced {catalogue.Stocked.Count():N0} SKUs through HTTP ({catalogue.Scarce.Sku}: {catalogue.Scarce.Stock:N0} units for {scarceOrders:N0} orders asking {DemoCatalogue.ScarceUnitsPerOrder} each; {catalogue.Unknown.Sku} never stocked)");

        var started = time.GetTimestamp();
        var deadline = started + (long)(options.Deadline.TotalSeconds * time.TimestampFrequency);
        var placing = PlaceAllAsync(client, tracker, options.Concurrency, cancellationToken);
        if (ansi.Profile.Capabilities.Interactive)
        {
            await ansi.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var placed = progress.AddTask("placed through HTTP", maxValue: options.Orders);
                    var terminal = progress.AddTask("terminal", maxValue: options.Orders);
                    await FollowAsync(tracker, placing, time, deadline, () =>
                    {
                        placed.Value = tracker.Placed;
                        terminal.Value = tracker.Terminal;
                    }, cancellationToken);
                });
        }
        else
        {
            // Redirected output (CI, tests): a line every few seconds instead of a redrawn bar.
            var lastLine = started;
            await FollowAsync(tracker, placing, time, deadline, () =>
            {
                if (time.GetElapsedTime(lastLine) >= TimeSpan.FromSeconds(2) || tracker.AllTerminal)
                {
                    lastLine = time.GetTimestamp();
                    ansi.MarkupLineInterpolated($"placed {tracker.Placed:N0}/{options.Orders:N0}, terminal {tracker.Terminal:N0}/{options.Orders:N0} after {time.GetElapsedTime(started).TotalSeconds:N1} s");
                }
            }, cancellationToken);
        }

        var lastEnd = tracker.LastEndTimestamp;
        var elapsed = time.GetElapsedTime(started, tracker.AllTerminal && lastEnd > 0 ? lastEnd : time.GetTimestamp());

        // The books settle a little after the orders: a release or a refund follows the cancellation it answers.
        var stockCheck = new StockCheck(services.GetRequiredService<IService<InventoryItemState>>(), catalogue, tracker);
        var paymentCheck = new PaymentCheck(services.GetRequiredService<IService<PaymentState>>(), services.GetRequiredService<IPaymentGateway>(), tracker);
        var settleBy = Math.Max(deadline, time.GetTimestamp() + (long)(5 * time.TimestampFrequency));
        IReadOnlyList<StockLine> stock;
        PaymentBooks books;
        while (true)
        {
            stock = await stockCheck.ReadAsync(cancellationToken);
            books = await paymentCheck.ReadAsync(cancellationToken);
            if ((StockCheck.Evaluate(stock).Passed && PaymentCheck.Evaluate(books).Passed) || time.GetTimestamp() >= settleBy)
            {
                break;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        var scenarios = DemoScenarios.All
            .Select(s => OutcomeCheck.Outcomes(s, tracker))
            .Where(s => s.Placed > 0 || s.Unfinished > 0)
            .ToList();
        List<DemoCheck> checks =
        [
            OutcomeCheck.Terminal(tracker, options.Deadline),
            OutcomeCheck.Expected(scenarios),
            StockCheck.Evaluate(stock),
            PaymentCheck.Evaluate(books),
        ];
        var outcomes = plans
            .Select(p => tracker.EndOf(p.OrderId))
            .OfType<OrderEnd>()
            .GroupBy(e => e)
            .ToDictionary(g => g.Key, g => g.Count());
        return new DemoReport(options.Orders, elapsed, outcomes, scenarios, stock, checks,
            checks.TrueForAll(c => c.Passed) ? DemoCommand.Success : DemoCommand.ChecksFailed);
    }

    /// <summary>Reads unfinished orders until all are terminal, or nothing more can end, or the deadline passes.</summary>
    private static async Task FollowAsync(OrderTracker tracker, Task placing, TimeProvider time, long deadline, Action show, CancellationToken cancellationToken)
    {
        while (time.GetTimestamp() < deadline)
        {
            await tracker.RefreshAsync(cancellationToken);
            show();
            // Done when every order ended, or every order the service accepted ended and the rest were refused.
            if (placing.IsCompleted && tracker.Terminal == tracker.Placed)
            {
                break;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        await placing.WaitAsync(cancellationToken);
        show();
    }

    private static async Task PlaceAllAsync(DemoClient client, OrderTracker tracker, int concurrency, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await Parallel.ForEachAsync(tracker.Plans, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (plan, ct) =>
        {
            try
            {
                await client.PlaceAsync(plan, ct);
                tracker.MarkPlaced(plan.OrderId);
                if (plan.Scenario == DemoScenario.CustomerCancel)
                {
                    // Right after placing: it races Inventory and Payment, and may lose (409) once the order is paid.
                    tracker.Cancelled(plan.OrderId, await client.CancelAsync(plan.OrderId, ct));
                }
            }
            catch (DemoRequestFailed e)
            {
                tracker.Failed(e.Message);
            }
            catch (HttpRequestException e)
            {
                tracker.Failed($"{plan.OrderId}: {e.Message}");
            }
        });
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (!messages.Contains(inner.Message))
            {
                messages.Add(inner.Message);
            }
        }

        return string.Join(" -> ", messages);
    }

    /// <summary>Shows <c>value/max</c> next to the bar.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:N0}/{task.MaxValue:N0}");
    }
}
