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

    /// <summary>
    /// The signing algorithms a token may use (<c>alg</c>), by their JWA names. Unset: <c>HS256</c> with
    /// <see cref="SigningKeys"/>, <c>RS256</c>, <c>PS256</c> and <c>ES256</c> with an <see cref="Authority"/>. Naming them
    /// means a token is checked only the way the issuer signs, never by whatever algorithm the key happens to fit.
    /// </summary>
    public string[]? ValidAlgorithms { get; set; }

    /// <summary>How far a token's times may be off the service's clock. Default 30 s, at most 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest span a token may be valid for, from its <c>nbf</c> (or its <c>iat</c>) to its <c>exp</c>; a token valid
    /// for longer, or that says neither when it starts nor when it was issued, is refused (a stolen long-lived token is a
    /// long-lived breach). Default 1 day, the lifetime of <see cref="DevelopmentTokens"/>' tokens; at most 30 days.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest <see cref="ClockSkew"/> accepted.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The algorithms accepted with <see cref="SigningKeys"/> (HMAC).</summary>
    public static readonly IReadOnlyList<string> SymmetricAlgorithms = ["HS256", "HS384", "HS512"];

    /// <summary>The algorithms accepted with an <see cref="Authority"/> (its published public keys).</summary>
    public static readonly IReadOnlyList<string> AsymmetricAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The algorithms in force: <see cref="ValidAlgorithms"/>, or the default for how tokens are checked.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms =>
        ValidAlgorithms is { Length: > 0 } named ? named
        : SigningKeys.Count > 0 ? ["HS256"]
        : ["RS256", "PS256", "ES256"];

    /// <summary>The smallest signing key accepted, in bytes: HMAC-SHA256 needs 256 bits.</summary>
    public const int MinimumKeyBytes = 32;
}
