using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Protection;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Tests;

/// <summary>
/// A service registered outside Development (the hosts pass <c>developmentKeyAllowed</c> from the environment) stops at
/// start when its KEK is the published development key, or when a setting asks for it; Development keeps it.
/// </summary>
public class DevelopmentKeyStartTests
{
    private static ProtectionOptions Start(bool developmentKeyAllowed, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWeeEventsProtection(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), developmentKeyAllowed);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ProtectionOptions>>().Value;
    }

    [Fact]
    public void Outside_development_the_published_key_stops_the_start_naming_the_setting()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Start(developmentKeyAllowed: false, new() { ["WeeEvents:Protection:KeyEncryptionKey"] = ProtectionOptions.DevelopmentKey }));

        Assert.Contains("WeeEvents:Protection:KeyEncryptionKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_the_setting_that_asks_for_the_published_key_stops_the_start_naming_it()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Start(developmentKeyAllowed: false, new() { ["WeeEvents:Protection:UseDevelopmentKey"] = "true" }));

        Assert.Contains("WeeEvents:Protection:UseDevelopmentKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_setting_can_claim_the_development_environment()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Start(developmentKeyAllowed: false, new()
        {
            ["WeeEvents:Protection:UseDevelopmentKey"] = "true",
            ["WeeEvents:Protection:DevelopmentKeyAllowed"] = "true",
        }));

        Assert.Contains("WeeEvents:Protection:UseDevelopmentKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_development_the_published_key_is_used()
    {
        Assert.Equal(ProtectionOptions.DevelopmentKey, Start(developmentKeyAllowed: true, []).Current!.Value.Key);
        Assert.Equal(ProtectionOptions.DevelopmentKey, Start(developmentKeyAllowed: true, new() { ["WeeEvents:Protection:UseDevelopmentKey"] = "true" }).Current!.Value.Key);
    }
}
