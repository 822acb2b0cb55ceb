using System.Diagnostics;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>
/// Debian's chromium, which the browser tests drive through Playwright (whose own browser download is not reachable
/// here): <c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>, installed with apt-get when missing and the tests run as root.
/// </summary>
public static class Chromium
{
    private const string DebianPath = "/usr/bin/chromium";

    private static readonly Lazy<Task<(string? Path, string? Why)>> Found = new(FindAsync);

    /// <summary>The browser's path, or why there is none.</summary>
    public static Task<(string? Path, string? Why)> LocateAsync() => Found.Value;

    private static async Task<(string? Path, string? Why)> FindAsync()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } named)
        {
            return File.Exists(named) ? (named, null) : (null, $"CHROMIUM_PATH names {named}, which does not exist");
        }

        if (File.Exists(DebianPath))
        {
            return (DebianPath, null);
        }

        if (Environment.UserName != "root")
        {
            return (null, "chromium is not installed and cannot be installed without root (apt-get install chromium, or set CHROMIUM_PATH)");
        }

        // scripts/test.sh installs it first (ensure_chromium); a run of this project alone installs it here.
        using var install = Process.Start(new ProcessStartInfo("apt-get", "install -y -qq chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
        })!;
        var output = install.StandardError.ReadToEndAsync();
        await install.StandardOutput.ReadToEndAsync();
        await install.WaitForExitAsync();
        return File.Exists(DebianPath) ? (DebianPath, null) : (null, $"apt-get install chromium failed: {await output}");
    }
}
