using System.Net.Http.Headers;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The tests are their own identity provider: one random signing key for the run, accepted by every service they
/// start, and the tokens they send.
/// </summary>
public static class TestTokens
{
    /// <summary>The subject the tests' clients act as.</summary>
    public const string Subject = "e2e-tests";

    /// <summary>The key and the settings that make a service accept its tokens.</summary>
    public static DevelopmentTokens Issuer { get; } = DevelopmentTokens.CreateRandom();

    /// <summary>The <c>WeeEvents:Auth</c> settings, plus the API documents the tests read.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. Issuer.Settings, new("WeeEvents:Http:ApiDocs", "true")];

    /// <summary>A client that sends a bearer token for <see cref="Subject"/>.</summary>
    public static HttpClient Authorize(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Mint(Subject));
        return client;
    }
}
