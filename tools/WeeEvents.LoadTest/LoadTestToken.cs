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

    /// <summary>The subject the driver's operator token names: the operator who reads the console and the services' figures.</summary>
    private const string OperatorSubject = "bench-operator";

    /// <summary>The Authorization header of every request, or null when no key is set (the services will answer 401).</summary>
    public static AuthenticationHeaderValue? FromEnvironment() =>
        Mint(Subject, ManagerRole, "requests go without a bearer token") is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;

    /// <summary>An operator's token (role <see cref="WeeEventsRoles.Operator"/>), or null, with the reason written, when no key is set.</summary>
    public static string? Operator() => Mint(OperatorSubject, WeeEventsRoles.Operator, "no operator token can be minted");

    private static string? Mint(string subject, string role, string withoutKey)
    {
        var key = Environment.GetEnvironmentVariable(SigningKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            Console.Error.WriteLine($"{SigningKeyVariable} is not set: {withoutKey}.");
            return null;
        }

        return new DevelopmentTokens(key).Mint(subject, [role]);
    }
}
