namespace WeeEvents.LoadTest.Pages;

/// <summary>
/// <c>watch-page</c>: an operator with a console page open while the shop runs. It signs in and reads the page again
/// every few seconds, as the page's live refresh does in a browser, until stopped (Ctrl+C, SIGINT or SIGTERM); then prints how
/// many reads there were and how many failed, so a run that claims the page was open can show it.
/// </summary>
internal static class PageWatcher
{
    public static async Task<int> RunAsync(WatchPageOptions options, CancellationToken stop)
    {
        if (LoadTestToken.Operator() is not { } token)
        {
            return 2;
        }

        using var console = await ConsoleSession.SignInAsync(options.Console, token, options.Page, stop);
        if (console is null)
        {
            return 1;
        }

        var (reads, failed) = (0, 0);
        using var every = new PeriodicTimer(options.Every);
        try
        {
            do
            {
                reads++;
                try
                {
                    using var response = await console.GetAsync(options.Page, stop);
                    var body = await response.Content.ReadAsStringAsync(stop);
                    failed += response.IsSuccessStatusCode && !body.Contains("did not answer", StringComparison.Ordinal) ? 0 : 1;
                    if (reads == 1)
                    {
                        // The page is open: a script that waits for this line measures with it open, not its first load.
                        Console.WriteLine($"watch-page: /{options.Page} open");
                    }
                }
                catch (HttpRequestException)
                {
                    failed++;
                }
            }
            while (await every.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the page was closed.
        }

        Console.WriteLine($"watch-page: /{options.Page} read {reads} times every {options.Every.TotalSeconds:0} s, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
