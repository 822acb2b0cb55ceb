using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.IdentityModel.Tokens;

namespace WeeEvents.AspNetCore.Security;

/// <summary>Registers JWT bearer authentication and the authorization every WeeEvents route needs.</summary>
public static class WeeEventsAuthServiceCollectionExtensions
{
    /// <summary>The claim that names the caller: the token's subject, recorded as the actor of what it did.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The claim that carries the caller's roles (<c>dotnet user-jwts create --role</c> writes it).</summary>
    public const string RoleClaim = "role";

    /// <summary>
    /// Adds JWT bearer authentication from <see cref="WeeEventsAuthOptions.Section"/> (validated at start: a missing
    /// setting stops the host naming its key) and an authorization fallback that asks every endpoint not marked
    /// anonymous for an authenticated caller. A refused request is a 401 or 403 problem details response.
    /// </summary>
    public static IServiceCollection AddWeeEventsAuth(this IServiceCollection services, Action<WeeEventsAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddWeeEventsOptions<WeeEventsAuthOptions, WeeEventsAuthOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddProblemDetails();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<WeeEventsAuthOptions>>((jwt, auth) => Apply(jwt, auth.Value));
        services.Configure<OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>
    /// A token that names no subject (many identity providers issue client-credential tokens without <c>sub</c>) names
    /// nobody: nothing could be checked against its owner, so it is refused as if it were not valid (401). A named one
    /// must also live no longer than the settings allow.
    /// </summary>
    private static Task CheckNamedAndShortLivedAsync(TokenValidatedContext context, TimeSpan maxLifetime)
    {
        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(SubjectClaim)?.Value))
        {
            context.Fail("The token names no subject (sub).");
            return Task.CompletedTask;
        }

        return TokenLifetime.CheckAsync(context, maxLifetime);
    }

    private static void Apply(JwtBearerOptions jwt, WeeEventsAuthOptions auth)
    {
        // Claims keep the names they have in the token ("sub", "role"), not the long WS-Federation URIs.
        jwt.MapInboundClaims = false;
        jwt.Authority = string.IsNullOrWhiteSpace(auth.Authority) ? null : auth.Authority;
        jwt.Audience = auth.Audience;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        var parameters = jwt.TokenValidationParameters;
        parameters.NameClaimType = SubjectClaim;
        parameters.RoleClaimType = RoleClaim;
        parameters.ValidAudience = auth.Audience;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = auth.ClockSkew;
        parameters.ValidAlgorithms = [.. auth.EffectiveAlgorithms];
        parameters.ValidateIssuer = true;
        if (!string.IsNullOrWhiteSpace(auth.Issuer))
        {
            parameters.ValidIssuer = auth.Issuer;
        }

        if (auth.SigningKeys.Count > 0)
        {
            parameters.IssuerSigningKeys = [.. auth.SigningKeys.Select(k => new SymmetricSecurityKey(SigningKeyBytes.TryDecode(k)))];
            parameters.ValidateIssuerSigningKey = true;
        }

        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => CheckNamedAndShortLivedAsync(context, auth.MaxTokenLifetime),
            OnChallenge = AuthProblems.ChallengeAsync,
            OnForbidden = AuthProblems.ForbiddenAsync,
        };
    }
}
