using System.Net;
using System.Text.Json;

namespace WeeEvents.AspNetCore.Tests;

public sealed class EntityRouteTests
{
    [Fact]
    public async Task Get_returns_the_entity_with_its_state_case_named_and_its_revision_as_etag()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("a-1", 100m);

        using var response = await api.GetAsync("/account/a-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var body = await BankApi.BodyAsync(response);
        Assert.Equal("account", body.GetProperty("aggregate").GetProperty("type").GetString());
        Assert.Equal("a-1", body.GetProperty("aggregate").GetProperty("key").GetString());
        Assert.Equal("account.a-1", body.GetProperty("aggregate").GetProperty("id").GetString());
        Assert.Equal("account", body.GetProperty("type").GetString());
        Assert.Equal(1, body.GetProperty("revision").GetInt64());
        var state = body.GetProperty("state");
        Assert.Equal("open", state.GetProperty("status").GetString());
        Assert.Equal("Ada", state.GetProperty("owner").GetString());
        Assert.Equal(100m, state.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Get_of_an_entity_with_no_events_is_a_404_problem()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.GetAsync("/account/nobody");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.NotFound, "entity-not-found");
        Assert.Equal("account.nobody", problem.GetProperty("aggregate").GetString());
    }

    [Fact]
    public async Task Get_at_a_revision_returns_the_entity_as_it_was_then()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("tt", 100m);
        (await api.PostAsync("/account/tt/deposit-funds", """{ "amount": 50 }""")).Dispose();
        (await api.PostAsync("/account/tt/withdraw-funds", """{ "amount": 30 }""")).Dispose();

        using var then = await api.GetAsync("/account/tt?revision=2");
        using var now = await api.GetAsync("/account/tt");

        var past = await BankApi.BodyAsync(then);
        Assert.Equal(2, past.GetProperty("revision").GetInt64());
        Assert.Equal(150m, past.GetProperty("state").GetProperty("balance").GetDecimal());
        Assert.Equal("\"2\"", then.Headers.ETag?.ToString());
        var current = await BankApi.BodyAsync(now);
        Assert.Equal(3, current.GetProperty("revision").GetInt64());
        Assert.Equal(120m, current.GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Get_at_a_revision_not_reached_is_a_404_and_a_malformed_revision_a_400_naming_it()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("tt2");

        using var future = await api.GetAsync("/account/tt2?revision=9");
        using var malformed = await api.GetAsync("/account/tt2?revision=yesterday");

        var missing = await Problems.ReadAsync(future, HttpStatusCode.NotFound, "entity-not-found");
        Assert.Equal(9, missing.GetProperty("revision").GetInt64());
        var invalid = await Problems.ReadAsync(malformed, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task Events_are_listed_with_their_metadata_in_pages()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("ev", 10m);
        (await api.PostAsync("/account/ev/deposit-funds", """{ "amount": 5 }""", r => r.Headers.Add("X-Correlation-Id", "corr-ev"))).Dispose();
        (await api.PostAsync("/account/ev/deposit-funds", """{ "amount": 7 }""")).Dispose();

        using var all = await api.GetAsync("/account/ev/events");
        using var first = await api.GetAsync("/account/ev/events?limit=2");
        using var rest = await api.GetAsync("/account/ev/events?after=2&limit=2");

        var page = await BankApi.BodyAsync(all);
        var events = page.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(["account-opened", "funds-deposited", "funds-deposited"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("revision").GetInt64()));
        Assert.Equal(5m, events[1].GetProperty("data").GetProperty("amount").GetDecimal());
        Assert.Equal("corr-ev", events[1].GetProperty("metadata").GetProperty("correlationId").GetString());
        Assert.True(events[0].TryGetProperty("eventId", out _));
        Assert.True(events[0].TryGetProperty("timestamp", out _));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextAfter").ValueKind);

        var one = await BankApi.BodyAsync(first);
        Assert.Equal(2, one.GetProperty("events").GetArrayLength());
        Assert.Equal(2, one.GetProperty("nextAfter").GetInt64());
        var two = await BankApi.BodyAsync(rest);
        Assert.Equal([3L], two.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("revision").GetInt64()));
        Assert.Equal(JsonValueKind.Null, two.GetProperty("nextAfter").ValueKind);
    }

    [Fact]
    public async Task Events_of_an_unknown_entity_are_a_404_and_bad_paging_a_400_naming_the_parameter()
    {
        await using var api = await BankApi.StartAsync(o => (o.DefaultEventPageSize, o.MaxEventPageSize) = (10, 50));
        await api.OpenAsync("pg");

        using var unknown = await api.GetAsync("/account/nobody/events");
        using var zero = await api.GetAsync("/account/pg/events?limit=0");
        using var tooMany = await api.GetAsync("/account/pg/events?limit=51");
        using var negative = await api.GetAsync("/account/pg/events?after=-1");

        await Problems.ReadAsync(unknown, HttpStatusCode.NotFound, "entity-not-found");
        Assert.True((await Problems.ReadAsync(zero, HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("limit", out _));
        Assert.True((await Problems.ReadAsync(tooMany, HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("limit", out _));
        Assert.True((await Problems.ReadAsync(negative, HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("after", out _));
    }
}
