using System.Net.Http.Headers;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.LoadTest;

/// <summary>
/// The driver signs its own bearer token with the key the services were given (<c>WEEEVENTS_AUTH_SIGNING_KEY</c>,
/// as in docker-compose.yml; scripts/bench.sh makes one per run), under <c>dotnet user-jwts</c>' issuer and the
/// system's audience. An environment variable rather than an option: a key on the command line is visible to anyone.
/// </summary>
internal static class LoadTestToken
{
    /// <summary>The variable that holds the signing key, base64.</summary>
    public const string SigningKeyVariable = "WEEEVENTS_AUTH_SIGNING_KEY";

    /// <summary>The driver stocks and prices the SKUs it orders: Inventory's role for restock and set-price (WeeEvents.Services.Inventory's <c>ManagerRole</c>).</summary>
    private const string ManagerRole = "inventory-manager";

    /// <summary>The subject the driver acts as: a stock manager, and the customer of every order it places (a customer orders only for themselves).</summary>
    public const string Subject = "load-test";

    /// <summary>The Authorization header of every request, or null when no key is set (the services will answer 401).</summary>
    public static AuthenticationHeaderValue? FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(SigningKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            Console.Error.WriteLine($"{SigningKeyVariable} is not set: requests go without a bearer token.");
            return null;
        }

        return new AuthenticationHeaderValue("Bearer", new DevelopmentTokens(key).Mint(Subject, [ManagerRole]));
    }
}
