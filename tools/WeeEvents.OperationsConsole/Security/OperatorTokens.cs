using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.OperationsConsole.Security;

/// <summary>
/// Checks an operator's token by the rules the services apply (<c>WeeEvents:Auth</c>, the same JWT bearer settings),
/// so a token the console accepts is one the services accept, and the console calls them with it.
/// </summary>
public sealed class OperatorTokens(IOptionsMonitor<JwtBearerOptions> bearer)
{
    /// <summary>The authentication type of identities signed in from a token.</summary>
    public const string AuthenticationType = "operator-token";

    /// <summary>The operator the token names with its expiry, or null when the services would refuse it or it grants no <see cref="WeeEventsRoles.Operator"/> role.</summary>
    public async Task<(ClaimsPrincipal Operator, DateTimeOffset Expires)?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var options = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } authority)
        {
            // An authority's keys and issuer come from its discovery document, as the services read them.
            var configuration = await authority.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, AuthenticationType,
            WeeEventsAuthServiceCollectionExtensions.SubjectClaim, WeeEventsAuthServiceCollectionExtensions.RoleClaim);
        var principal = new ClaimsPrincipal(identity);
        return string.IsNullOrWhiteSpace(identity.Name) || !principal.IsInRole(WeeEventsRoles.Operator)
            ? null
            : (principal, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }
}
