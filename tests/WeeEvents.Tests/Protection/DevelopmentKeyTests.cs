using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

/// <summary>
/// The development KEK is published in the repository: outside Development a service refuses it, whether it is set as
/// the KEK (as compose once did by default) or asked for by <c>UseDevelopmentKey</c>, naming the setting to change.
/// </summary>
public class DevelopmentKeyTests
{
    private static readonly FluentValidationOptions<ProtectionOptions, ProtectionOptionsValidator> Validator = new();

    [Theory]
    [InlineData(ProtectionOptions.DevelopmentKey)]
    [InlineData(" " + ProtectionOptions.DevelopmentKey + " ")]
    public void Set_as_the_kek_outside_development_it_is_refused_naming_the_key(string key)
    {
        var result = Validator.Validate(null, new ProtectionOptions { KeyEncryptionKey = key });

        Assert.True(result.Failed);
        Assert.Contains("WeeEvents:Protection:KeyEncryptionKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("development key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_keeps_it()
    {
        Assert.True(Validator.Validate(null, new ProtectionOptions { UseDevelopmentKey = true, DevelopmentKeyAllowed = true }).Succeeded);
        Assert.True(Validator.Validate(null, new ProtectionOptions { UseDevelopmentKey = true, DevelopmentKeyAllowed = true, KeyEncryptionKey = ProtectionOptions.DevelopmentKey }).Succeeded);
        Assert.True(Validator.Validate(null, new ProtectionOptions { DevelopmentKeyAllowed = true, KeyEncryptionKey = ProtectionOptions.DevelopmentKey }).Succeeded);
    }

    [Fact]
    public void Asked_for_by_the_setting_outside_development_it_is_refused_naming_the_setting()
    {
        var result = Validator.Validate(null, new ProtectionOptions { UseDevelopmentKey = true });

        Assert.True(result.Failed);
        Assert.Contains("WeeEvents:Protection:UseDevelopmentKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Development environment", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void As_a_previous_key_it_is_accepted_so_that_data_can_be_rotated_away_from_it()
    {
        var rotating = new ProtectionOptions
        {
            KeyEncryptionKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()),
            PreviousKeys = { [ProtectionOptions.DevelopmentKeyId] = ProtectionOptions.DevelopmentKey },
        };

        Assert.True(Validator.Validate(null, rotating).Succeeded);
    }

    [Fact]
    public void An_operators_own_key_is_accepted_anywhere() =>
        Assert.True(Validator.Validate(null, new ProtectionOptions { KeyEncryptionKey = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()) }).Succeeded);
}
