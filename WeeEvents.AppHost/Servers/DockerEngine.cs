using System.Diagnostics;
using System.ComponentModel;

namespace WeeEvents.AppHost.Servers;

/// <summary>Whether a Docker engine answers here: the docker CLI alone is not enough (it may have no engine behind it).</summary>
public static class DockerEngine
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>True when <c>docker version</c> names the engine's version within a few seconds.</summary>
    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("docker", ["version", "--format", "{{.Server.Version}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return false; // no docker CLI at all
        }

        if (process is null)
        {
            return false;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            try
            {
                var version = process.StandardOutput.ReadToEndAsync(timeout.Token);
                _ = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                return process.ExitCode == 0 && (await version).Trim().Length > 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return false; // an engine that does not answer in time is no engine to run on
            }
        }
    }
}
