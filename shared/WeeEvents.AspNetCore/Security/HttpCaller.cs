using System.Security.Claims;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// The caller of a request as the core sees it (<see cref="Caller"/>), for the entity's access rule. Authentication
/// (<see cref="WeeEventsAuthServiceCollectionExtensions.AddWeeEventsAuth"/>) refuses a token without a subject with a
/// 401, so an authenticated request always names one.
/// </summary>
public static class HttpCaller
{
    /// <summary>
    /// The caller of <paramref name="http"/>: the client its token names, with the token's roles; anonymous when the
    /// request is not authenticated (a host without authentication), which no owned or role-bound rule lets through.
    /// </summary>
    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.Identity is not ClaimsIdentity { IsAuthenticated: true, Name: { Length: > 0 } subject } identity || string.IsNullOrWhiteSpace(subject))
        {
            return Caller.Anonymous.Instance;
        }

        var roles = http.User.Claims.Where(c => c.Type == identity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller.Client(subject, roles);
    }

    /// <summary>Counts and logs an attempt a resource rule refused, as the role checks do (by what was attempted, never by who).</summary>
    internal static void Denied(HttpContext http, string entityType, string attempted) =>
        AuthProblems.CountAndLogDenied(http, entityType, attempted);
}
