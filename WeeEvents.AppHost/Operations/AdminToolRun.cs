using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace WeeEvents.AppHost.Operations;

/// <summary>One run of the admin tool (<c>tools/WeeEvents.Admin</c>) as its own process, its output kept for the dashboard.</summary>
public static class AdminToolRun
{
    /// <summary>The tool built as this AppHost was (Debug or Release): <c>dotnet run --no-build</c> runs that build.</summary>
    private static readonly string Configuration =
        typeof(AdminToolRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>WeeEvents.Admin <paramref name="arguments"/> --rabbitmq <paramref name="broker"/></c>.</summary>
    /// <returns>Its exit code (the tool's: 0 done, 1 nothing matched, 2 a wrong command line, 3 the broker refused) and its output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string project, string broker, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "--no-build", "-c", Configuration, "--", .. arguments, "--rabbitmq", broker])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The admin tool did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = new StringBuilder();
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.Append(await standardOutput).Append(await standardError);
        return (process.ExitCode, output.ToString());
    }
}
