using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// Refuses a token valid for longer than <see cref="WeeEventsAuthOptions.MaxTokenLifetime"/>, measured from when it
/// starts (<c>nbf</c>, or <c>iat</c> without one) to when it expires (<c>exp</c>); a token with neither start is refused
/// too, since its lifetime cannot be told. The signature, issuer, audience and expiry were checked before.
/// </summary>
internal static class TokenLifetime
{
    public static Task CheckAsync(TokenValidatedContext context, TimeSpan maximum)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The token is not a JSON Web Token.");
            return Task.CompletedTask;
        }

        var start = token.ValidFrom != DateTime.MinValue ? token.ValidFrom : token.IssuedAt;
        if (start == DateTime.MinValue)
        {
            context.Fail("The token carries neither nbf nor iat: its lifetime cannot be told.");
        }
        else if (token.ValidTo - start > maximum)
        {
            context.Fail($"The token is valid for {token.ValidTo - start}, longer than the {maximum} allowed.");
        }

        return Task.CompletedTask;
    }
}
