namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// Who may call the HTTP API (section <c>WeeEvents:Auth</c>): JWT bearer tokens, checked either against signing keys
/// this service holds (the <c>dotnet user-jwts</c> way, for development and closed deployments) or against the keys an
/// OpenID Connect <see cref="Authority"/> publishes. A service with neither does not start.
/// </summary>
public sealed class WeeEventsAuthOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "WeeEvents:Auth";

    /// <summary>The OpenID Connect issuer whose published keys sign tokens (<c>https://login.example.com/realm</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Symmetric keys (base64, at least 32 bytes each) that sign tokens; more than one lets a key be rotated.
    /// Environment variables: <c>WeeEvents__Auth__SigningKeys__0</c>.
    /// </summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>The <c>aud</c> every token must carry: this system's API.</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>iss</c> every token must carry; required with <see cref="SigningKeys"/>, taken from the authority otherwise.</summary>
    public string? Issuer { get; set; }

    /// <summary>Whether tokens may be fetched over plain HTTP from the authority (a development identity server only).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The smallest signing key accepted, in bytes: HMAC-SHA256 needs 256 bits.</summary>
    public const int MinimumKeyBytes = 32;
}
