using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Spectre.Console;
using WeeEvents.MassTransit.Transport;

namespace WeeEvents.LoadTest;

/// <summary>One run: subscribe, restock, warm up, measure, check the books, report.</summary>
internal static class LoadTestRun
{
    public static async Task<int> RunAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        if (!RabbitMqAddress.TryParse(options.RabbitMq, out var address, out var error))
        {
            throw new ArgumentException($"--rabbitmq: {error}");
        }

        var runId = $"lt{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):D3}";
        var outcomes = new OrderOutcomes();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, (ushort)address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            // The driver's own queue, gone when it disconnects: it hears every outcome without polling any service.
            cfg.ReceiveEndpoint($"weeevents-loadtest-{runId}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.PrefetchCount = 256;
                e.Consumer(() => new OrderOutcomeConsumer(outcomes));
            });
        });

        await bus.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.Authorization = LoadTestToken.FromEnvironment();
            var api = new ServiceApi(http, options.OrderUrl, options.InventoryUrl);
            var feed = new OrderFeed(runId, options.Skus, options.Seed);
            var phase = new LoadPhase(api, outcomes, feed, options.OrderTimeout);
            var books = new Books(api, options.Skus);
            var marks = new PhaseMarks(options.PhaseFile, new ServiceCounters(http, options.MetricsUrls));

            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[bold]WeeEvents load test[/] run [blue]{0}[/]: {1} orders at {2} in flight after {3} warm-up, {4} SKUs × {5:N0} units",
                runId, options.Orders, options.Concurrency, options.WarmUp, options.Skus, options.StockPerSku);
            var before = await books.ReadAsync(cancellationToken);

            IReadOnlyList<OrderResult> warmUp = [];
            IReadOnlyList<OrderResult> measured = [];
            TimeSpan elapsed = default;
            long started = 0;
            var readLag = Task.FromResult(0d);
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var restock = ctx.AddTask("restock", maxValue: options.Skus);
                    await Parallel.ForEachAsync(Enumerable.Range(0, options.Skus), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
                    {
                        await api.RestockAsync(OrderFeed.Sku(i), options.StockPerSku, OrderFeed.Price(i), ct);
                        restock.Increment(1);
                    });

                    var warm = ctx.AddTask("warm-up", maxValue: Math.Max(1, options.WarmUp));
                    warmUp = await phase.RunAsync("w", options.WarmUp, options.Concurrency, () => warm.Increment(1), cancellationToken);
                    warm.Value = warm.MaxValue;

                    var run = ctx.AddTask("orders", maxValue: options.Orders);
                    await marks.StartedAsync(cancellationToken);
                    started = Stopwatch.GetTimestamp();
                    measured = await phase.RunAsync("m", options.Orders, options.Concurrency, () => run.Increment(1), cancellationToken);
                    elapsed = Stopwatch.GetElapsedTime(started);
                    // The read side at the end of the load: how long until the last completed order is listed as it
                    // stands, timed from now, while the end mark reads the services' counts.
                    readLag = measured.LastOrDefault(r => r.Outcome == OrderOutcome.Completed) is { } last
                        ? api.ReadLagAsync(last.Order.OrderId, cancellationToken)
                        : Task.FromResult(0d);
                    await marks.EndedAsync(cancellationToken);
                });

            var unbalanced = await books.CheckAsync(before, options.StockPerSku, warmUp.Concat(measured), options.SettleTimeout, cancellationToken);
            RunRate.Report(measured, started);
            return Report(options, warmUp, measured, elapsed, unbalanced, await readLag);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static int Report(LoadTestOptions options, IReadOnlyList<OrderResult> warmUp, IReadOnlyList<OrderResult> measured, TimeSpan elapsed, IReadOnlyList<string> unbalanced, double readLag)
    {
        var latencies = measured.Where(r => r.Outcome == OrderOutcome.Completed).Select(r => r.Milliseconds).Order().ToArray();
        var completed = latencies.Length;
        var failures = warmUp.Concat(measured).Where(r => r.Outcome != OrderOutcome.Completed).ToList();

        var table = new Table().AddColumns("outcome", "orders");
        foreach (var group in measured.GroupBy(r => r.Outcome).OrderBy(g => g.Key))
        {
            table.AddRow(group.Key.ToString(), group.Count().ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        foreach (var failure in failures.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{failure.Order.OrderId}[/]: {failure.Outcome} {failure.Error}");
        }

        foreach (var line in unbalanced.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]books[/]: {line}");
        }

        var ok = failures.Count == 0 && unbalanced.Count == 0;
        AnsiConsole.MarkupLine(ok
            ? "[green]every order completed; every SKU balances[/]"
            : $"[red]{failures.Count} order(s) did not complete; {unbalanced.Count} SKU(s) do not balance[/]");

        // The result line, exactly as scripts/bench.sh reports it; always the last line.
        var seconds = elapsed.TotalSeconds;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders={measured.Count} seconds={seconds:0.00} orders_per_sec={(seconds > 0 ? completed / seconds : 0):0.0} p50_ms={Percentile(latencies, 0.50):0.0} p99_ms={Percentile(latencies, 0.99):0.0} completed={completed} read_lag_ms={readLag:0}"));
        return ok ? 0 : 1;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
