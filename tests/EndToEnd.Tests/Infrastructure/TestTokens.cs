using System.Net.Http.Headers;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Shipping;

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

    /// <summary>
    /// The <c>WeeEvents:Auth</c> settings, plus the API documents the tests read, and rate limits sized for the tests:
    /// every test client is one caller (<see cref="Subject"/>), and some send thousands of requests a minute. A system
    /// that tests the limits themselves sets its own.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. Issuer.Settings,
            new("WeeEvents:Http:ApiDocs", "true"),
            new("WeeEvents:Http:RateLimit:PermitLimit", "100000"),
            new("WeeEvents:Http:RateLimit:PermitsPerSecond", "100000"),
        ];

    /// <summary>Every role the services ask for: the tests drive the flow as stock manager, clerk and operator at once.</summary>
    public static readonly string[] AllRoles = [InventoryItemService.ManagerRole, ShippingService.ClerkRole, WeeEventsRoles.Operator];

    /// <summary>A client that sends a bearer token for <see cref="Subject"/> holding <see cref="AllRoles"/>.</summary>
    public static HttpClient Authorize(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Mint(Subject, AllRoles));
        return client;
    }
}
