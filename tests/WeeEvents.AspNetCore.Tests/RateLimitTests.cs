using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeeEvents.AspNetCore.RateLimiting;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// Each caller (the token's subject, or the remote address without one) may send so many requests: past that a 429
/// problem with <c>Retry-After</c>, while every other caller is still served; some commands are limited more strictly.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DevelopmentTokens Tokens = DevelopmentTokens.CreateRandom();

    private static Task<BankApi> StartAsync(params (string Key, string Value)[] limits) =>
        BankApi.StartAsync(host: b =>
        {
            b.Configuration.AddInMemoryCollection(Tokens.Settings);
            b.Configuration.AddInMemoryCollection(limits.Select(l => new KeyValuePair<string, string?>($"{WeeEventsRateLimitOptions.Section}:{l.Key}", l.Value)));
            b.Services.AddWeeEventsAuth();
        });

    private static Action<HttpRequestMessage> As(string subject) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(subject));

    [Fact]
    public async Task A_burst_past_the_limit_is_a_429_with_retry_after_and_another_caller_is_still_served()
    {
        await using var api = await StartAsync(("PermitLimit", "20"), ("PermitsPerSecond", "1"));
        using (var opened = await api.PostAsync("/account/r-1/open-account", """{ "owner": "Ada", "initialBalance": 1 }""", As("ada")))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40; i++)
        {
            var response = await api.GetAsync("/account/r-1", As("mallory"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && refused is null)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var _ = refused;
        Assert.NotNull(refused);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 19, 22);
        await Problems.ReadAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "no Retry-After in seconds");

        using var ada = await api.GetAsync("/account/r-1", As("ada"));
        Assert.Equal(HttpStatusCode.OK, ada.StatusCode);
    }

    [Fact]
    public async Task A_strict_command_is_limited_apart_and_more_tightly_than_the_rest()
    {
        await using var api = await StartAsync(("StrictCommands:0", "account/deposit-funds"), ("StrictPermitLimit", "2"), ("StrictWindow", "00:10:00"));
        using (var opened = await api.PostAsync("/account/r-2/open-account", """{ "owner": "Ada", "initialBalance": 1 }""", As("ada")))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var deposits = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var deposit = await api.PostAsync("/account/r-2/deposit-funds", """{ "amount": 1 }""", As("ada"));
            deposits.Add(deposit.StatusCode);
        }

        using var withdrawal = await api.PostAsync("/account/r-2/withdraw-funds", """{ "amount": 1 }""", As("ada"));
        using var bob = await api.PostAsync("/account/r-2/deposit-funds", """{ "amount": 1 }""", As("bob"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], deposits);
        Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task Health_is_never_limited()
    {
        await using var api = await StartAsync(("PermitLimit", "1"), ("PermitsPerSecond", "1"));

        for (var i = 0; i < 5; i++)
        {
            using var live = await api.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
    }

    [Fact]
    public async Task The_openapi_document_says_every_route_may_answer_429()
    {
        await using var api = await StartAsync();

        using var response = await api.GetAsync("/openapi/v1.json");
        var paths = (await BankApi.BodyAsync(response)).GetProperty("paths");

        Assert.True(paths.GetProperty("/account/{key}/deposit-funds").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/account/{key}").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _));
    }

    [Fact]
    public async Task The_defaults_let_one_ordinary_client_work_and_cut_a_burst_of_hundreds()
    {
        var defaults = new WeeEventsRateLimitOptions();

        Assert.True(defaults.Enabled);
        Assert.InRange(defaults.PermitLimit, 50, 599);
        Assert.InRange(defaults.PermitsPerSecond, 20, 599);
        Assert.Equal(["customer/forget"], defaults.StrictCommands);
    }

    [Theory]
    [InlineData("PermitLimit", "0")]
    [InlineData("PermitsPerSecond", "-1")]
    [InlineData("StrictWindow", "00:00:00")]
    [InlineData("StrictCommands:0", "forget")]
    public async Task A_malformed_limit_stops_the_host_naming_it(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartAsync((key, value)));

        Assert.Contains(key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }
}
