using System.Net;

namespace WeeEvents.LoadTest.Pages;

/// <summary>
/// An operator signed in to the operations console, as a browser is: a token minted with the services' signing key
/// (<see cref="LoadTestToken.Operator"/>), exchanged for the console's cookie through a token link (which the console
/// allows with <c>OperationsConsole:TokenLinks</c>).
/// </summary>
internal static class ConsoleSession
{
    /// <summary>
    /// A client of <paramref name="console"/> holding the signed-in operator's cookie, or null (with the reason written)
    /// when the console did not sign them in and send them on to <paramref name="page"/>.
    /// </summary>
    public static async Task<HttpClient?> SignInAsync(Uri console, string token, string page, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = console, Timeout = TimeSpan.FromSeconds(30) };
        using var signIn = await client.GetAsync($"signin/token?token={Uri.EscapeDataString(token)}&returnUrl={Uri.EscapeDataString("/" + page)}", cancellationToken);
        if (signIn.RequestMessage?.RequestUri?.AbsolutePath == "/" + page)
        {
            return client;
        }

        await Console.Error.WriteLineAsync($"The console did not sign the operator in (it answered {(int)signIn.StatusCode} at {signIn.RequestMessage?.RequestUri}).");
        client.Dispose();
        return null;
    }
}
