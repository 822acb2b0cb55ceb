using FluentValidation;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// Refuses to start a service that could not check a token: every failure names the key to set, so a deployment that
/// forgot its auth configuration stops at once instead of answering 401 to everyone, or worse, to no one.
/// </summary>
internal sealed class WeeEventsAuthOptionsValidator : AbstractValidator<WeeEventsAuthOptions>
{
    private const string S = WeeEventsAuthOptions.Section;

    public WeeEventsAuthOptionsValidator()
    {
        RuleFor(o => o.Authority).NotEmpty().When(o => o.SigningKeys.Count == 0)
            .WithMessage($"{S}:SigningKeys or {S}:Authority must be set: the keys that sign bearer tokens, or the OpenID Connect issuer that publishes them.");
        RuleFor(o => o.Authority).Must(a => Uri.TryCreate(a, UriKind.Absolute, out _)).When(o => !string.IsNullOrWhiteSpace(o.Authority))
            .WithMessage($"{S}:Authority must be an absolute URL.");
        RuleFor(o => o.Audience).NotEmpty()
            .WithMessage($"{S}:Audience must be set: the 'aud' every token must carry.");
        RuleFor(o => o.Issuer).NotEmpty().When(o => o.SigningKeys.Count > 0)
            .WithMessage($"{S}:Issuer must be set with {S}:SigningKeys: the 'iss' every token must carry.");
        RuleForEach(o => o.SigningKeys).Must(k => SigningKeyBytes.TryDecode(k) is { Length: >= WeeEventsAuthOptions.MinimumKeyBytes })
            .WithMessage($"{S}:SigningKeys:{{CollectionIndex}} must be base64 of at least {WeeEventsAuthOptions.MinimumKeyBytes} bytes.");
        RuleForEach(o => o.ValidAlgorithms!).Must((o, algorithm) => Allowed(o).Contains(algorithm, StringComparer.Ordinal))
            .WithMessage((o, algorithm) => $"{S}:ValidAlgorithms may name only {string.Join(", ", Allowed(o))} " +
                $"({(o.SigningKeys.Count > 0 ? "tokens signed with the signing keys" : "tokens signed with the authority's keys")}); '{algorithm}' is not one of them.");
        RuleFor(o => o.ClockSkew).InclusiveBetween(TimeSpan.Zero, WeeEventsAuthOptions.MaxClockSkew)
            .WithMessage($"{S}:ClockSkew must be from 00:00:00 to {WeeEventsAuthOptions.MaxClockSkew:c}.");
        RuleFor(o => o.MaxTokenLifetime).Must(t => t > TimeSpan.Zero && t <= TimeSpan.FromDays(30))
            .WithMessage($"{S}:MaxTokenLifetime must be more than zero and at most 30.00:00:00.");
    }

    private static IReadOnlyList<string> Allowed(WeeEventsAuthOptions options) =>
        options.SigningKeys.Count > 0 ? WeeEventsAuthOptions.SymmetricAlgorithms : WeeEventsAuthOptions.AsymmetricAlgorithms;
}

/// <summary>Reads a configured signing key.</summary>
internal static class SigningKeyBytes
{
    public static byte[]? TryDecode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
