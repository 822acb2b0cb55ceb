using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// JWT bearer authentication of <c>WeeEvents:Auth</c>: a client without a good token gets a 401 problem, health stays
/// open for the orchestrator, and what a caller does is recorded under the token's subject.
/// </summary>
public sealed class AuthenticationTests
{
    private static readonly DevelopmentTokens Tokens = DevelopmentTokens.CreateRandom();

    private static Task<BankApi> StartSecuredAsync(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development") =>
        BankApi.StartAsync(
            host: b =>
            {
                b.Configuration.AddInMemoryCollection(settings ?? Tokens.Settings);
                b.Services.AddWeeEventsAuth();
            },
            environment: environment);

    private static Action<HttpRequestMessage> Bearer(string token) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    [Fact]
    public async Task A_command_without_a_token_is_a_401_problem_that_asks_for_a_bearer_token()
    {
        await using var api = await StartSecuredAsync();

        using var response = await api.PostAsync("/account/a-1/open-account", """{ "owner": "Ada", "initialBalance": 10 }""");

        await Problems.ReadAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, api.Store.Appends);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "signed with another key", DevelopmentTokens.CreateRandom().Mint("mallory") },
        { "for another audience", new DevelopmentTokens(Tokens.SigningKey, audience: "another-api").Mint("mallory") },
        { "from another issuer", new DevelopmentTokens(Tokens.SigningKey, issuer: "someone-else").Mint("mallory") },
        { "expired", Tokens.Mint("mallory", lifetime: TimeSpan.FromMinutes(-10)) },
        { "not a token", "not-a-jwt" },
        { "naming no subject, though it holds every role", Tokens.MintWithoutSubject([WeeEventsRoles.Operator, WeeEventsRoles.PrivacyOfficer]) },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_the_service_cannot_trust_is_a_401_that_does_not_say_why(string what, string token)
    {
        await using var api = await StartSecuredAsync();

        using var response = await api.PostAsync("/account/a-1/open-account", """{ "owner": "Ada", "initialBalance": 10 }""", Bearer(token));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.DoesNotContain("signature", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(api.Store.Appends == 0, $"A token {what} was accepted.");
    }

    [Fact]
    public async Task A_token_naming_no_subject_reads_nothing_either()
    {
        await using var api = await StartSecuredAsync();
        await api.PostAsync("/account/a-1/open-account", """{ "owner": "Ada", "initialBalance": 10 }""", Bearer(Tokens.Mint("ada")));

        using var entity = await api.GetAsync("/account/a-1", Bearer(Tokens.MintWithoutSubject([WeeEventsRoles.Operator])));
        using var events = await api.GetAsync("/account/a-1/events", Bearer(Tokens.MintWithoutSubject([WeeEventsRoles.Operator])));

        await Problems.ReadAsync(entity, HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.ReadAsync(events, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Reads_need_a_token_too()
    {
        await using var api = await StartSecuredAsync();

        using var entity = await api.GetAsync("/account/a-1");
        using var events = await api.GetAsync("/account/a-1/events");

        await Problems.ReadAsync(entity, HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.ReadAsync(events, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_valid_token_runs_the_command_and_its_events_name_the_subject_as_actor()
    {
        await using var api = await StartSecuredAsync();

        using var response = await api.PostAsync("/account/a-1/open-account", """{ "owner": "Ada", "initialBalance": 10 }""", Bearer(Tokens.Mint("ada")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = await api.GetAsync("/account/a-1/events", Bearer(Tokens.Mint("auditor", [WeeEventsRoles.Operator])));
        var recorded = Assert.Single((await BankApi.BodyAsync(events)).GetProperty("events").EnumerateArray());
        Assert.Equal("ada", recorded.GetProperty("metadata").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        await using var api = await StartSecuredAsync();

        using var live = await api.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("Development", null, HttpStatusCode.OK)]
    [InlineData("Production", null, HttpStatusCode.Unauthorized)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    [InlineData("Development", "false", HttpStatusCode.Unauthorized)]
    public async Task The_api_documents_are_served_openly_in_development_or_where_configured_and_nowhere_else(string environment, string? apiDocs, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?>(Tokens.Settings) { ["WeeEvents:Http:ApiDocs"] = apiDocs };
        await using var api = await StartSecuredAsync(settings, environment);

        using var document = await api.GetAsync("/openapi/v1.json");
        using var scalar = await api.GetAsync("/scalar/");

        // Where they are not served, the routes do not exist: the caller without a token learns nothing from them.
        Assert.Equal(expected, document.StatusCode);
        Assert.Equal(expected, scalar.StatusCode);
    }

    public static TheoryData<string, Dictionary<string, string?>> MissingSettings => new()
    {
        { "WeeEvents:Auth:SigningKeys or WeeEvents:Auth:Authority", new() { ["WeeEvents:Auth:Audience"] = "weeevents" } },
        { "WeeEvents:Auth:Audience", new() { ["WeeEvents:Auth:Authority"] = "https://login.example.com/" } },
        { "WeeEvents:Auth:Issuer", new() { ["WeeEvents:Auth:SigningKeys:0"] = Tokens.SigningKey, ["WeeEvents:Auth:Audience"] = "weeevents" } },
        { "WeeEvents:Auth:SigningKeys:0", new() { ["WeeEvents:Auth:SigningKeys:0"] = "c2hvcnQ=", ["WeeEvents:Auth:Audience"] = "a", ["WeeEvents:Auth:Issuer"] = "i" } },
    };

    [Theory]
    [MemberData(nameof(MissingSettings))]
    public async Task A_missing_or_malformed_setting_stops_the_start_naming_the_key(string key, Dictionary<string, string?> settings)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartSecuredAsync(settings));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }
}
