using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// An <c>Idempotency-Key</c> is the caller's, for one command: the same key, path and body sent by another caller is
/// another key (it runs, and never gets the first caller's stored reply), and the same key sent to another command is too.
/// </summary>
public sealed class CallerIdempotencyTests
{
    private static readonly DevelopmentTokens Tokens = DevelopmentTokens.CreateRandom();
    private const string Body = """{ "amount": 5 }""";

    private static Task<BankApi> StartAsync() =>
        BankApi.StartAsync(host: b =>
        {
            b.Configuration.AddInMemoryCollection(Tokens.Settings);
            b.Services.AddWeeEventsAuth();
        });

    private static Action<HttpRequestMessage> As(string subject, string key) => r =>
    {
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(subject));
        r.Headers.Add("Idempotency-Key", key);
    };

    private static async Task OpenAsync(BankApi api, string account)
    {
        using var opened = await api.PostAsync($"/account/{account}/open-account", """{ "owner": "Ada", "initialBalance": 0 }""",
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint("ada")));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task Another_caller_with_the_same_key_path_and_body_does_not_get_the_stored_reply()
    {
        await using var api = await StartAsync();
        await OpenAsync(api, "c-1");

        using var ada = await api.PostAsync("/account/c-1/deposit-funds", Body, As("ada", "dep-1"));
        using var mallory = await api.PostAsync("/account/c-1/deposit-funds", Body, As("mallory", "dep-1"));
        using var adaAgain = await api.PostAsync("/account/c-1/deposit-funds", Body, As("ada", "dep-1"));

        Assert.Equal(HttpStatusCode.OK, ada.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mallory.StatusCode);
        // Mallory's request is hers: run as a new request, not a replay of Ada's reply.
        Assert.False(mallory.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(10m, (await BankApi.BodyAsync(mallory)).GetProperty("state").GetProperty("balance").GetDecimal());
        // Ada's retry still replays hers.
        Assert.Equal("true", Assert.Single(adaAgain.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(5m, (await BankApi.BodyAsync(adaAgain)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_same_key_on_another_command_is_another_key()
    {
        await using var api = await StartAsync();
        await OpenAsync(api, "c-2");

        using var deposit = await api.PostAsync("/account/c-2/deposit-funds", Body, As("ada", "k-1"));
        using var withdrawal = await api.PostAsync("/account/c-2/withdraw-funds", Body, As("ada", "k-1"));

        Assert.Equal(HttpStatusCode.OK, deposit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        Assert.Equal(0m, (await BankApi.BodyAsync(withdrawal)).GetProperty("state").GetProperty("balance").GetDecimal());
    }
}
