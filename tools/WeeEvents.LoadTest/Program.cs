using WeeEvents.LoadTest;
using WeeEvents.LoadTest.History;
using WeeEvents.LoadTest.Pages;

// The load driver (see README.md). Its last line is the result that scripts/bench.sh reports.
// `seed-history` gives Inventory's SKUs a past before the services start (scripts/bench.sh --history N).
// `page-times` times every page of the operations console (scripts/bench.sh --pages).
// `watch-page` keeps a console page open, read again every few seconds, while the load runs (scripts/bench.sh --console-open).
try
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    // A background job of a script ignores SIGINT, so scripts stop a mode that runs until stopped (watch-page) with
    // SIGTERM: it ends the same way, with its summary.
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    if (args is ["seed-history", .. var seedArgs])
    {
        return await HistorySeeder.RunAsync(SeedHistoryOptions.Parse(seedArgs), stop.Token);
    }

    if (args is ["page-times", .. var pageArgs])
    {
        return await PageTimer.RunAsync(PageTimesOptions.Parse(pageArgs), stop.Token);
    }

    if (args is ["watch-page", .. var watchArgs])
    {
        return await PageWatcher.RunAsync(WatchPageOptions.Parse(watchArgs), stop.Token);
    }

    return await LoadTestRun.RunAsync(LoadTestOptions.Parse(args), stop.Token);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
