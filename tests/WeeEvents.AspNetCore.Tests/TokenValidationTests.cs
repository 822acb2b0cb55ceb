using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// A token is checked the way its issuer signs (the named algorithms only), with at most 30 s of clock skew, and
/// refused when it is valid for longer than <see cref="WeeEventsAuthOptions.MaxTokenLifetime"/>.
/// </summary>
public sealed class TokenValidationTests
{
    // 64 bytes: a key every HMAC fits, so only the named algorithms stand between a token and the service.
    private static readonly DevelopmentTokens Tokens = new(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));

    private static Task<BankApi> StartAsync(params (string Key, string Value)[] settings) =>
        BankApi.StartAsync(host: b =>
        {
            b.Configuration.AddInMemoryCollection(Tokens.Settings);
            b.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{WeeEventsAuthOptions.Section}:{s.Key}", s.Value)));
            b.Services.AddWeeEventsAuth();
        });

    private static string Mint(string algorithm = SecurityAlgorithms.HmacSha256, DateTime? issuedAt = null, DateTime? notBefore = null, DateTime? expires = null, bool stamp = true)
    {
        var now = DateTime.UtcNow;
        var key = new SymmetricSecurityKey(Convert.FromBase64String(Tokens.SigningKey));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Tokens.Issuer,
            Audience = Tokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "ada" },
            IssuedAt = stamp ? issuedAt ?? now : null,
            NotBefore = stamp ? notBefore ?? now : null,
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private static async Task<HttpStatusCode> ReadWithAsync(BankApi api, string token)
    {
        using var response = await api.GetAsync("/account/nobody", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
        return response.StatusCode;
    }

    [Fact]
    public async Task A_token_signed_with_the_right_key_by_an_algorithm_not_named_is_refused()
    {
        await using var api = await StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, await ReadWithAsync(api, Mint()));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint(SecurityAlgorithms.HmacSha512)));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint(SecurityAlgorithms.HmacSha384)));
    }

    [Fact]
    public async Task An_algorithm_named_in_the_options_is_accepted()
    {
        await using var api = await StartAsync(("ValidAlgorithms:0", "HS512"));

        Assert.Equal(HttpStatusCode.NotFound, await ReadWithAsync(api, Mint(SecurityAlgorithms.HmacSha512)));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint()));
    }

    [Fact]
    public async Task A_token_expired_a_minute_ago_is_refused_one_expired_ten_seconds_ago_is_within_the_skew()
    {
        await using var api = await StartAsync();
        var now = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint(issuedAt: now.AddMinutes(-10), notBefore: now.AddMinutes(-10), expires: now.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.NotFound, await ReadWithAsync(api, Mint(issuedAt: now.AddMinutes(-10), notBefore: now.AddMinutes(-10), expires: now.AddSeconds(-10))));
    }

    [Fact]
    public async Task A_token_valid_for_longer_than_the_maximum_or_that_says_not_since_when_is_refused()
    {
        await using var api = await StartAsync(("MaxTokenLifetime", "01:00:00"));
        var now = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.NotFound, await ReadWithAsync(api, Mint(expires: now.AddMinutes(59))));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint(expires: now.AddHours(2))));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(api, Mint(stamp: false)));
    }

    [Fact]
    public async Task The_development_tokens_of_a_day_are_accepted_by_default()
    {
        await using var api = await StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, await ReadWithAsync(api, Tokens.Mint("ada")));
    }

    [Theory]
    [InlineData("ClockSkew", "00:05:00", "ClockSkew")]
    [InlineData("MaxTokenLifetime", "00:00:00", "MaxTokenLifetime")]
    [InlineData("ValidAlgorithms:0", "none", "ValidAlgorithms")]
    [InlineData("ValidAlgorithms:0", "RS256", "ValidAlgorithms")]
    public async Task A_lax_setting_stops_the_host_naming_it(string key, string value, string named)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartAsync((key, value)));

        Assert.Contains($"{WeeEventsAuthOptions.Section}:{named}", error.Message, StringComparison.Ordinal);
    }
}
