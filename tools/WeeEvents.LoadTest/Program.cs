using WeeEvents.LoadTest;

// The load driver (see README.md). Its last line is the result that scripts/bench.sh reports.
try
{
    var options = LoadTestOptions.Parse(args);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await LoadTestRun.RunAsync(options, stop.Token);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
