using System.Security.Claims;

namespace WeeEvents.AspNetCore.Security;

/// <summary>The authenticated caller of a request as the core sees it: subject and roles, for resource rules.</summary>
internal static class HttpCaller
{
    /// <summary>The caller of <paramref name="http"/>; null when the request is not authenticated (no auth set up).</summary>
    public static Caller? Of(HttpContext http)
    {
        if (http.User.Identity is not ClaimsIdentity { IsAuthenticated: true, Name: { } subject } identity)
        {
            return null;
        }

        var roles = http.User.Claims.Where(c => c.Type == identity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, roles);
    }

    /// <summary>Counts and logs an attempt a resource rule refused, as the role checks do (by what was attempted, never by who).</summary>
    public static void Denied(HttpContext http, string entityType, string attempted) =>
        AuthProblems.CountAndLogDenied(http, entityType, attempted);
}
