namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// Refuses to start a service that could not check a token: every failure names the key to set, so a deployment that
/// forgot its auth configuration stops at once instead of answering 401 to everyone, or worse, to no one.
/// </summary>
internal sealed class WeeEventsAuthOptionsValidator : IValidateOptions<WeeEventsAuthOptions>
{
    private const string S = WeeEventsAuthOptions.Section;

    public ValidateOptionsResult Validate(string? name, WeeEventsAuthOptions options)
    {
        var failures = new List<string>();
        var hasKeys = options.SigningKeys.Count > 0;
        if (!hasKeys && string.IsNullOrWhiteSpace(options.Authority))
        {
            failures.Add($"{S}:SigningKeys or {S}:Authority must be set: the keys that sign bearer tokens, or the OpenID Connect issuer that publishes them.");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            failures.Add($"{S}:Authority must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{S}:Audience must be set: the 'aud' every token must carry.");
        }

        if (hasKeys && string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{S}:Issuer must be set with {S}:SigningKeys: the 'iss' every token must carry.");
        }

        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            if (SigningKeyBytes.TryDecode(options.SigningKeys[i]) is not { Length: >= WeeEventsAuthOptions.MinimumKeyBytes })
            {
                failures.Add($"{S}:SigningKeys:{i} must be base64 of at least {WeeEventsAuthOptions.MinimumKeyBytes} bytes.");
            }
        }

        var allowed = hasKeys ? WeeEventsAuthOptions.SymmetricAlgorithms : WeeEventsAuthOptions.AsymmetricAlgorithms;
        foreach (var algorithm in options.ValidAlgorithms ?? [])
        {
            if (!allowed.Contains(algorithm, StringComparer.Ordinal))
            {
                failures.Add($"{S}:ValidAlgorithms may name only {string.Join(", ", allowed)} " +
                    $"({(hasKeys ? "tokens signed with the signing keys" : "tokens signed with the authority's keys")}); '{algorithm}' is not one of them.");
            }
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > WeeEventsAuthOptions.MaxClockSkew)
        {
            failures.Add($"{S}:ClockSkew must be from 00:00:00 to {WeeEventsAuthOptions.MaxClockSkew:c}.");
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.MaxTokenLifetime > TimeSpan.FromDays(30))
        {
            failures.Add($"{S}:MaxTokenLifetime must be more than zero and at most 30.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
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
