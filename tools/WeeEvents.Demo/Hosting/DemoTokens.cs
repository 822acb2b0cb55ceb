using WeeEvents.AspNetCore.Security;

namespace WeeEvents.Demo.Hosting;

/// <summary>
/// The demo is its own identity provider: it signs the tokens its client sends (and prints one with <c>--serve</c>).
/// A signing key set in <c>WeeEvents:Auth</c> is used as given; otherwise the demo makes a random one for the run.
/// </summary>
internal static class DemoTokens
{
    /// <summary>The subject the demo's client acts as.</summary>
    public const string Subject = "demo";

    /// <summary>The tokens of this run, and the settings the services need to accept them, added to <paramref name="configuration"/>.</summary>
    public static DevelopmentTokens Configure(ConfigurationManager configuration)
    {
        var section = configuration.GetSection(WeeEventsAuthOptions.Section);
        if (section.GetSection("SigningKeys").GetChildren().FirstOrDefault()?.Value is { Length: > 0 } key)
        {
            return new DevelopmentTokens(key, section["Issuer"] ?? DevelopmentTokens.DefaultIssuer, section["Audience"] ?? DevelopmentTokens.DefaultAudience);
        }

        if (section["Authority"] is { Length: > 0 })
        {
            throw new InvalidOperationException($"The demo signs its own tokens: set {WeeEventsAuthOptions.Section}:SigningKeys, not {WeeEventsAuthOptions.Section}:Authority.");
        }

        var tokens = DevelopmentTokens.CreateRandom();
        configuration.AddInMemoryCollection(tokens.Settings);
        return tokens;
    }
}
