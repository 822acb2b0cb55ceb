namespace WeeEvents.Demo;

/// <summary>The entry point: <c>dotnet run --project tools/WeeEvents.Demo -- [options]</c>.</summary>
public static class DemoProgram
{
    /// <summary>Runs the demo with the process's console; Ctrl+C interrupts it (or ends <c>--serve</c>).</summary>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        return await DemoCommand.InvokeAsync(args, DemoConsole.System, interrupt.Token);
    }
}
