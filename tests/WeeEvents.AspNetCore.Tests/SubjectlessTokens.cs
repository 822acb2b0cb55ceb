using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// Tokens as a client-credentials grant of many identity providers issues them: valid, signed by a trusted key, holding
/// roles, and naming no subject.
/// </summary>
internal static class SubjectlessTokens
{
    public static string Mint(DevelopmentTokens issuer, params string[] roles)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>();
        if (roles.Length > 0)
        {
            claims[WeeEventsAuthServiceCollectionExtensions.RoleClaim] = roles;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.Issuer,
            Audience = issuer.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(issuer.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
