using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// A signing key and the tokens it signs, for hosts that are their own identity provider: the embedded demo, the load
/// driver and tests. The conventions are <c>dotnet user-jwts</c>' (issuer <c>dotnet-user-jwts</c>, HMAC-SHA256,
/// the subject in <c>sub</c>, roles in <c>role</c>); <see cref="Settings"/> configures a service to accept them.
/// Never a production identity provider: whoever holds the key can be anyone.
/// </summary>
public sealed class DevelopmentTokens
{
    /// <summary>The issuer <c>dotnet user-jwts</c> writes.</summary>
    public const string DefaultIssuer = "dotnet-user-jwts";

    /// <summary>The audience of the reference system's API.</summary>
    public const string DefaultAudience = "weeevents";

    private readonly SymmetricSecurityKey _key;

    /// <summary>Tokens signed with <paramref name="signingKey"/> (base64, at least 32 bytes).</summary>
    public DevelopmentTokens(string signingKey, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var bytes = SigningKeyBytes.TryDecode(signingKey);
        if (bytes is not { Length: >= WeeEventsAuthOptions.MinimumKeyBytes })
        {
            throw new ArgumentException($"A signing key is base64 of at least {WeeEventsAuthOptions.MinimumKeyBytes} bytes.", nameof(signingKey));
        }

        SigningKey = signingKey;
        Issuer = issuer;
        Audience = audience;
        _key = new SymmetricSecurityKey(bytes);
    }

    /// <summary>The key, base64.</summary>
    public string SigningKey { get; }

    /// <summary>The <c>iss</c> of every token.</summary>
    public string Issuer { get; }

    /// <summary>The <c>aud</c> of every token.</summary>
    public string Audience { get; }

    /// <summary>A fresh random key: tokens that only this process (and whoever it hands them to) can make.</summary>
    public static DevelopmentTokens CreateRandom() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(WeeEventsAuthOptions.MinimumKeyBytes)));

    /// <summary>The <c>WeeEvents:Auth</c> settings of a service that accepts these tokens.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{WeeEventsAuthOptions.Section}:SigningKeys:0"] = SigningKey,
        [$"{WeeEventsAuthOptions.Section}:Issuer"] = Issuer,
        [$"{WeeEventsAuthOptions.Section}:Audience"] = Audience,
    };

    /// <summary>A token for <paramref name="subject"/> holding <paramref name="roles"/>, valid for <paramref name="lifetime"/> (a day by default).</summary>
    public string Mint(string subject, IEnumerable<string>? roles = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return Create(subject, roles, lifetime);
    }

    /// <summary>
    /// A token holding <paramref name="roles"/> that names no subject, as the client-credentials grant of many identity
    /// providers issues them: the services refuse it (401), since no rule could be checked against its owner.
    /// </summary>
    public string MintWithoutSubject(IEnumerable<string>? roles = null) => Create(null, roles, null);

    private string Create(string? subject, IEnumerable<string>? roles, TimeSpan? lifetime)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims[WeeEventsAuthServiceCollectionExtensions.SubjectClaim] = subject;
        }

        if (roles?.ToArray() is { Length: > 0 } granted)
        {
            claims[WeeEventsAuthServiceCollectionExtensions.RoleClaim] = granted;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromDays(1)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }
}
