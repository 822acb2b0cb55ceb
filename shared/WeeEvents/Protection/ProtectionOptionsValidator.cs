using FluentValidation;

namespace WeeEvents.Protection;

/// <summary>Refuses protection settings that cannot work, naming the key to fix, so the service stops at start.</summary>
public sealed class ProtectionOptionsValidator : AbstractValidator<ProtectionOptions>
{
    /// <summary>The rules.</summary>
    public ProtectionOptionsValidator()
    {
        RuleFor(o => o.KeyEncryptionKey)
            .Must(k => IsKey(k!)).When(o => !string.IsNullOrWhiteSpace(o.KeyEncryptionKey))
            .WithMessage($"{ProtectionOptions.Section}:KeyEncryptionKey must be 32 bytes in base64 (openssl rand -base64 32).");
        // The development KEK is published in this repository: data wrapped by it is readable by anyone. Outside the
        // Development environment it is refused however it is asked for — set as the KEK, or by UseDevelopmentKey — so a
        // deployment copied from the demo, from compose or from a test fails at start instead of running unprotected. As
        // a previous key it stays accepted: rotating away from it needs it to unwrap the old data keys.
        RuleFor(o => o.KeyEncryptionKey)
            .Must(k => !IsDevelopmentKey(k)).When(o => !o.DevelopmentKeyAllowed)
            .WithMessage($"{ProtectionOptions.Section}:KeyEncryptionKey is the published development key, which protects nothing: set your own (openssl rand -base64 32). Only the Development environment accepts it.");
        RuleFor(o => o.UseDevelopmentKey)
            .Must(use => !use).When(o => !o.DevelopmentKeyAllowed)
            .WithMessage($"{ProtectionOptions.Section}:UseDevelopmentKey asks for the published development key, which protects nothing: only the Development environment honours it. Set {ProtectionOptions.Section}:KeyEncryptionKey to your own (openssl rand -base64 32).");
        RuleFor(o => o.Current)
            .NotNull().When(o => o.Enabled)
            .WithMessage($"{ProtectionOptions.Section}:KeyEncryptionKey is required while {ProtectionOptions.Section}:Enabled is true (openssl rand -base64 32).");
        RuleFor(o => o.KeyEncryptionKeyId).Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 100)
            .WithMessage($"{ProtectionOptions.Section}:KeyEncryptionKeyId must be 1 to 100 characters.");
        RuleForEach(o => o.PreviousKeys)
            .Must(p => IsKey(p.Value))
            .WithMessage($"{ProtectionOptions.Section}:PreviousKeys entries must be 32 bytes in base64.");
        RuleFor(o => o.KeyCacheDuration).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromHours(1))
            .WithMessage($"{ProtectionOptions.Section}:KeyCacheDuration must be between 00:00:00 and 01:00:00.");
        RuleFor(o => o.ForgetPollInterval).InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5))
            .WithMessage($"{ProtectionOptions.Section}:ForgetPollInterval must be between 00:00:00.010 and 00:05:00.");
    }

    /// <summary>True when <paramref name="base64"/> decodes to the bytes of <see cref="ProtectionOptions.DevelopmentKey"/> (however it is padded or spaced).</summary>
    public static bool IsDevelopmentKey(string? base64)
    {
        Span<byte> bytes = stackalloc byte[48];
        return Convert.TryFromBase64String(base64?.Trim() ?? "", bytes, out var written)
            && bytes[..written].SequenceEqual(Convert.FromBase64String(ProtectionOptions.DevelopmentKey));
    }

    /// <summary>True when <paramref name="base64"/> is 32 bytes.</summary>
    public static bool IsKey(string? base64)
    {
        Span<byte> bytes = stackalloc byte[48];
        return Convert.TryFromBase64String(base64 ?? "", bytes, out var written) && written == 32;
    }
}
