using System.Net;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.LoadTest.Pages;

/// <summary>
/// An operator signed in to the operations console, as a browser is: a token minted with the services' signing key,
/// exchanged for the console's cookie through a token link (which the console allows with
/// <c>OperationsConsole:TokenLinks</c>).
/// </summary>
internal static class ConsoleSession
{
    private const string OperatorRole = "operator";

    /// <summary>An operator's token, or null (with the reason written) when no signing key is set.</summary>
    public static async Task<string?> OperatorTokenAsync()
    {
        var key = Environment.GetEnvironmentVariable(LoadTestToken.SigningKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            await Console.Error.WriteLineAsync($"{LoadTestToken.SigningKeyVariable} is not set: no operator token can be minted.");
            return null;
        }

        return new DevelopmentTokens(key).Mint("bench-operator", [OperatorRole]);
    }

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
