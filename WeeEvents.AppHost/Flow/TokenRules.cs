using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost.Flow;

/// <summary>The services' token rules (<c>WeeEvents:Auth</c>) for the run's signing key, on any resource that checks tokens.</summary>
public static class TokenRules
{
    /// <summary>Sets <paramref name="tokens"/>' settings as environment variables of <paramref name="resource"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithTokenRules(this IResourceBuilder<ProjectResource> resource, DevelopmentTokens tokens)
    {
        foreach (var (key, value) in tokens.Settings)
        {
            resource.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        return resource;
    }
}
