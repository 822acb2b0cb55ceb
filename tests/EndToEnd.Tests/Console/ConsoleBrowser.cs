using Microsoft.Playwright;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>
/// The console running against a system and one chromium page on it, a desktop's size; skips the test when this machine
/// has no chromium, before anything is started.
/// </summary>
public sealed class ConsoleBrowser(RunningConsole console, IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
{
    /// <summary>The console.</summary>
    public RunningConsole Console => console;

    /// <summary>The page, not yet signed in.</summary>
    public IPage Page => page;

    /// <summary>Starts the console on <paramref name="system"/> and opens a page waiting up to <paramref name="timeout"/> for what it is asked.</summary>
    public static async Task<ConsoleBrowser> OpenAsync(OrderSystem system, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (chromium, why) = await Chromium.LocateAsync();
        if (chromium is null)
        {
            Assert.Skip(why!);
        }

        var running = await RunningConsole.StartAsync(system, cancellationToken);
        var driver = await Playwright.CreateAsync();
        var chrome = await driver.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var opened = await chrome.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1000 } });
        // Playwright's 30 s default is for an idle machine; the test command runs beside other test projects' processes.
        opened.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        return new ConsoleBrowser(running, driver, chrome, opened);
    }

    /// <summary>Signs the page in as the operator and opens the failed-messages page.</summary>
    public Task SignInAsOperatorAsync() => page.GotoAsync(console.SignInLink(RunningConsole.OperatorToken));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await console.DisposeAsync();
    }
}
