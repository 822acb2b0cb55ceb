using System.Net;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// A client's mistake in a key or a query value is a 400 naming the parameter on every route, never a 500, and the
/// extremes of the numbers a client may send are answered without arithmetic overflowing.
/// </summary>
public sealed class ClientMistakeTests
{
    public static TheoryData<string, string> BadKeys => new()
    {
        { "%20", "blank" },
        { "%20%20%09", "blank" },
        { "%20a-1", "white space" },
        { new string('k', AggregateKeyRule.MaxLength + 1), "201 characters" },
        { new string('k', 5_000), "5000 characters" },
        { "a%01b", "control character" },
        { "a%0Ab", "control character" },
    };

    public static TheoryData<string> Routes => new()
    {
        "GET /account/{key}",
        "GET /account/{key}?revision=1",
        "GET /account/{key}/events",
        "GET /account/{key}/events?after=1",
        "POST /account/{key}/deposit-funds",
        "POST /account/{key}/no-such-command",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_key_outside_the_rule_is_a_400_naming_the_key_and_the_rule_on_every_route(string key, string what)
    {
        await using var api = await BankApi.StartAsync();

        foreach (var route in Routes.Select(r => r.Data))
        {
            var (method, path) = (route.Split(' ')[0], route.Split(' ')[1].Replace("{key}", key, StringComparison.Ordinal));
            using var response = method == "GET" ? await api.GetAsync(path) : await api.PostAsync(path, """{ "amount": 1 }""");

            var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
            var message = Assert.Single(problem.GetProperty("errors").GetProperty("key").EnumerateArray()).GetString();
            Assert.Contains(what, message, StringComparison.Ordinal);
            Assert.Contains(AggregateKeyRule.Description, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("%C3%BC")]
    [InlineData("%F0%9F%98%80")]
    [InlineData("-")]
    [InlineData("..%2E")]
    public async Task Keys_of_any_script_up_to_the_longest_are_served(string unit)
    {
        await using var api = await BankApi.StartAsync();
        // As many whole units as fit in the rule's length (an emoji is two UTF-16 code units).
        var decoded = Uri.UnescapeDataString(unit);
        var key = string.Concat(Enumerable.Repeat(unit, AggregateKeyRule.MaxLength / decoded.Length));

        using var opened = await api.PostAsync($"/account/{key}/open-account", """{ "owner": "Ada", "initialBalance": 1 }""");
        using var read = await api.GetAsync($"/account/{key}");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var body = await BankApi.BodyAsync(read);
        Assert.Equal(Uri.UnescapeDataString(key), body.GetProperty("aggregate").GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("?after=9223372036854775807")]
    [InlineData("?after=9223372036854775806&limit=1")]
    [InlineData("?after=9223372036854775000&limit=1000")]
    public async Task Paging_from_the_largest_revisions_is_an_empty_page_not_an_overflow(string query)
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("far");

        using var response = await api.GetAsync("/account/far/events" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await BankApi.BodyAsync(response)).GetProperty("events").GetArrayLength());
    }

    [Theory]
    [InlineData("/account/q/events?after=-5&limit=0", "after")]
    [InlineData("/account/q/events?after=9223372036854775808", "after")]
    [InlineData("/account/q/events?limit=0", "limit")]
    [InlineData("/account/q/events?limit=1001", "limit")]
    [InlineData("/account/q/events?limit=99999999999999999999", "limit")]
    [InlineData("/account/q/events?after=", "after")]
    [InlineData("/account/q/events?after=1e3", "after")]
    [InlineData("/account/q?revision=0", "revision")]
    [InlineData("/account/q?revision=99999999999999999999", "revision")]
    [InlineData("/account/q?revision=%2B1", "revision")]
    public async Task A_query_value_out_of_its_range_is_a_400_naming_the_parameter_and_the_range(string path, string parameter)
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("q");

        using var response = await api.GetAsync(path);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString();
        Assert.StartsWith("Must be a whole number from ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_revision_is_a_404_for_an_entity_that_never_got_there()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("rev");

        using var response = await api.GetAsync("/account/rev?revision=9223372036854775807");

        await Problems.ReadAsync(response, HttpStatusCode.NotFound, "entity-not-found");
    }
}
