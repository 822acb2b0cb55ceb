namespace WeeEvents.Admin;

/// <summary>The entry point: <c>dotnet WeeEvents.Admin.dll parked list</c>, <c>parked return</c>, <c>topology deploy</c>.</summary>
public static class AdminProgram
{
    /// <summary>Runs one command with the process's console; Ctrl+C stops it between messages.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        // Redirected output (a log, a test) gets wide tables rather than the 80 columns of an unknown terminal.
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Console.Profile.Width = Math.Max(Spectre.Console.AnsiConsole.Console.Profile.Width, 200);
        }

        return await AdminCommand.InvokeAsync(args, interrupt.Token);
    }
}
