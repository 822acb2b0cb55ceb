namespace WeeEvents.LoadTest.Pages;

/// <summary>What <c>page-times</c> measures, and where: read from the command line.</summary>
internal sealed record PageTimesOptions
{
    /// <summary>The operations console's address.</summary>
    public Uri Console { get; init; } = new("http://127.0.0.1:5105/");

    /// <summary>The Order service, asked for an order (and its customer) whose pages are timed.</summary>
    public Uri OrderUrl { get; init; } = new("http://127.0.0.1:5101/");

    /// <summary>Timed requests per page, after two that are not timed.</summary>
    public int Rounds { get; init; } = 20;

    /// <summary>The budget each page's median and 95th percentile are held to.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMilliseconds(300);

    public const string Usage =
        "usage: WeeEvents.LoadTest page-times --console URL --order-url URL [--rounds 20] [--budget-ms 300]\n" +
        "environment: WEEEVENTS_AUTH_SIGNING_KEY (the services' signing key: the operator's token is minted with it)";

    public static PageTimesOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PageTimesOptions();
        var line = new CommandLine(args, Usage);
        while (line.Next(out var name))
        {
            options = name switch
            {
                "--console" => options with { Console = new Uri(line.Value()) },
                "--order-url" => options with { OrderUrl = new Uri(line.Value()) },
                "--rounds" => options with { Rounds = line.Positive() },
                "--budget-ms" => options with { Budget = TimeSpan.FromMilliseconds(line.Positive()) },
                _ => throw line.Unknown(),
            };
        }

        return options;
    }
}
