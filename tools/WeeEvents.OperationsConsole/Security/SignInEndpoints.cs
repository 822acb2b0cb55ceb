using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace WeeEvents.OperationsConsole.Security;

/// <summary>
/// Signing in with a token (pasted into the sign-in page, or from a link where <see cref="ConsoleOptions.TokenLinks"/>
/// allows) and signing out. The token is kept in the encrypted sign-in cookie and sent to the services on the
/// operator's behalf; the cookie lasts no longer than the token.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/signin";

    /// <summary>The page a signed-in caller who is not an operator is sent to.</summary>
    public const string DeniedPath = "/denied";

    /// <summary>Maps <c>POST /signin/token</c>, <c>GET /signin/token</c> (links, when allowed) and <c>POST /signout</c>.</summary>
    public static IEndpointRouteBuilder MapOperatorSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signin/token", ([FromForm] string? token, [FromForm] string? returnUrl, HttpContext http, OperatorTokens tokens) =>
            SignInAsync(http, tokens, token, returnUrl)).AllowAnonymous();
        endpoints.MapGet("/signin/token", (string? token, string? returnUrl, HttpContext http, OperatorTokens tokens, IOptions<ConsoleOptions> options) =>
            options.Value.TokenLinks ? SignInAsync(http, tokens, token, returnUrl) : Task.FromResult(Results.NotFound())).AllowAnonymous();
        endpoints.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(SignInPath);
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, OperatorTokens tokens, string? token, string? returnUrl)
    {
        var signedIn = string.IsNullOrWhiteSpace(token) ? null : await tokens.ValidateAsync(token.Trim(), http.RequestAborted);
        if (signedIn is not { } who)
        {
            // Whatever was wrong (expired, not signed by the authority, not an operator) reads the same to the caller.
            return Results.Redirect($"{SignInPath}?refused=1");
        }

        var properties = new AuthenticationProperties { ExpiresUtc = who.Expires, IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = token!.Trim() }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, who.Operator, properties);
        return Results.LocalRedirect(returnUrl is { Length: > 1 } local && local[0] == '/' && local[1] is not ('/' or '\\') ? local : "/");
    }
}
