namespace WeeEvents.LoadTest.Pages;

/// <summary>Which console page <c>watch-page</c> keeps open, and how often it reads it again: read from the command line.</summary>
internal sealed record WatchPageOptions
{
    /// <summary>The operations console's address.</summary>
    public Uri Console { get; init; } = new("http://127.0.0.1:5105/");

    /// <summary>The page, without its leading slash.</summary>
    public string Page { get; init; } = "services";

    /// <summary>How often the page is read again: the console's live refresh reads its page every 5 s.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(5);

    public const string Usage =
        "usage: WeeEvents.LoadTest watch-page --console URL [--page services] [--every-seconds 5]\n" +
        "environment: WEEEVENTS_AUTH_SIGNING_KEY (the services' signing key: the operator's token is minted with it)";

    public static WatchPageOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WatchPageOptions();
        var line = new CommandLine(args, Usage);
        while (line.Next(out var name))
        {
            options = name switch
            {
                "--console" => options with { Console = new Uri(line.Value()) },
                "--page" => options with { Page = line.Value().TrimStart('/') },
                "--every-seconds" => options with { Every = TimeSpan.FromSeconds(line.Positive()) },
                _ => throw line.Unknown(),
            };
        }

        return options;
    }
}
