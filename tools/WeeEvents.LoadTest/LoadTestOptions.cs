using System.Globalization;

namespace WeeEvents.LoadTest;

/// <summary>What one run does; read from the command line, with environment variables for the addresses.</summary>
internal sealed record LoadTestOptions
{
    public int Orders { get; init; } = 2_000;

    public int Concurrency { get; init; } = 32;

    public int WarmUp { get; init; } = 200;

    public int Skus { get; init; } = 100;

    public int StockPerSku { get; init; } = 1_000_000;

    public Uri OrderUrl { get; init; } = new("http://127.0.0.1:5101/");

    public Uri InventoryUrl { get; init; } = new("http://127.0.0.1:5102/");

    public string RabbitMq { get; init; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>How long one order may take to reach an outcome before it counts as not completed.</summary>
    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the books may take to settle after the last outcome (commits trail completions).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int Seed { get; init; } = 7;

    /// <summary>
    /// Where the driver marks the measured phase's start and end (<see cref="PhaseMarks"/>), for a script that reads the
    /// machine's counters over exactly that phase; none when null.
    /// </summary>
    public string? PhaseFile { get; init; }

    /// <summary>The services whose counts the phase marks read (<see cref="ServiceCounters"/>).</summary>
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];

    public const string Usage =
        "usage: WeeEvents.LoadTest [--orders N] [--concurrency C] [--warmup W] [--skus S] [--stock U]\n" +
        "                          [--order-url URL] [--inventory-url URL] [--rabbitmq amqp://user:pass@host:5672/vhost] [--seed N]\n" +
        "                          [--phase-file PATH] [--metrics-url URL]...\n" +
        "environment: LOADTEST_ORDER_URL, LOADTEST_INVENTORY_URL, LOADTEST_RABBITMQ (the flags win)";

    public static LoadTestOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadTestOptions
        {
            OrderUrl = Environment.GetEnvironmentVariable("LOADTEST_ORDER_URL") is { Length: > 0 } o ? new Uri(o) : new LoadTestOptions().OrderUrl,
            InventoryUrl = Environment.GetEnvironmentVariable("LOADTEST_INVENTORY_URL") is { Length: > 0 } i ? new Uri(i) : new LoadTestOptions().InventoryUrl,
            RabbitMq = Environment.GetEnvironmentVariable("LOADTEST_RABBITMQ") is { Length: > 0 } r ? r : new LoadTestOptions().RabbitMq,
        };
        var line = new CommandLine(args, Usage);
        while (line.Next(out var name))
        {
            options = name switch
            {
                "--orders" => options with { Orders = line.Positive() },
                "--concurrency" => options with { Concurrency = line.Positive() },
                "--warmup" => options with { WarmUp = line.Count() },
                "--skus" => options with { Skus = line.Positive() },
                "--stock" => options with { StockPerSku = line.Positive() },
                "--order-url" => options with { OrderUrl = new Uri(line.Value()) },
                "--inventory-url" => options with { InventoryUrl = new Uri(line.Value()) },
                "--rabbitmq" => options with { RabbitMq = line.Value() },
                "--seed" => options with { Seed = line.Positive() },
                "--phase-file" => options with { PhaseFile = line.Value() },
                "--metrics-url" => options with { MetricsUrls = [.. options.MetricsUrls, new Uri(line.Value())] },
                _ => throw line.Unknown(),
            };
        }

        return options;
    }
}
