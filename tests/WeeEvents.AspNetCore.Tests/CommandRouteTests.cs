using System.Net;
using System.Text;

namespace WeeEvents.AspNetCore.Tests;

public sealed class CommandRouteTests
{
    [Fact]
    public async Task A_command_returns_the_entity_after_it_with_its_revision_as_etag()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("c-1", 100m);

        using var response = await api.PostAsync("/account/c-1/deposit-funds", """{ "amount": 25.5 }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        var body = await BankApi.BodyAsync(response);
        Assert.Equal(2, body.GetProperty("revision").GetInt64());
        Assert.Equal(125.5m, body.GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Validator_failures_are_a_400_with_errors_by_field()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/v-1/open-account", $$"""{ "owner": "{{new string('x', 101)}}", "initialBalance": -1 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        Assert.NotEmpty(errors.GetProperty("owner").EnumerateArray());
        Assert.NotEmpty(errors.GetProperty("initialBalance").EnumerateArray());
        Assert.Equal("open-account", problem.GetProperty("command").GetString());
        Assert.Equal(0, api.Store.Appends);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/v-2/open-account", """{ "owner": "Ada", "initialBalance": { "lots": true } }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("initialBalance", out _), problem.ToString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_field_where_it_broke()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/v-3/open-account", """{ "owner": Ada, "initialBalance": 12 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("owner", out var messages), problem.ToString());
        Assert.Contains("not valid JSON", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/v-4/deposit-funds", "");

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task An_unknown_command_is_a_404_naming_it()
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/u-1/borrow-money", """{ "amount": 1 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.NotFound, "command-not-found");
        Assert.Equal("borrow-money", problem.GetProperty("command").GetString());
    }

    [Fact]
    public async Task A_domain_rule_violation_is_a_409_whose_type_names_the_rule()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("d-1", 10m);

        using var response = await api.PostAsync("/account/d-1/withdraw-funds", """{ "amount": 11 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, "insufficient-funds");
        Assert.Equal("insufficient-funds", problem.GetProperty("rule").GetString());
        Assert.Equal("open", problem.GetProperty("state").GetString());
        Assert.Equal("withdraw-funds", problem.GetProperty("operation").GetString());
        Assert.Equal("Account d-1 holds 10; cannot withdraw 11.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_lost_revision_race_is_a_409_with_the_current_revision()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("race");
        var aggregate = new AggregateId("account", "race");
        api.Store.Fail("race", () => new RevisionConflict(aggregate, new Revision(1), new Revision(4)));

        using var response = await api.PostAsync("/account/race/deposit-funds", """{ "amount": 1 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, "revision-conflict");
        Assert.Equal(4, problem.GetProperty("currentRevision").GetInt64());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_and_nothing_runs()
    {
        await using var api = await BankApi.StartAsync(o => o.MaxCommandBodyBytes = 256);

        using var response = await api.PostAsync("/account/big/open-account", $$"""{ "owner": "{{new string('x', 1000)}}", "initialBalance": 1 }""");

        await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(0, api.Store.Appends);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_too()
    {
        await using var api = await BankApi.StartAsync(o => o.MaxCommandBodyBytes = 256);
        var bytes = Encoding.UTF8.GetBytes($$"""{ "owner": "{{new string('x', 1000)}}", "initialBalance": 1 }""");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await api.Client.PostAsync("/account/big/open-account", content, TestContext.Current.CancellationToken);

        await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        await using var api = await BankApi.StartAsync();
        using var content = new StringContent("owner=Ada", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.Client.PostAsync("/account/f/open-account", content, TestContext.Current.CancellationToken);

        await Problems.ReadAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_that_tells_nothing_about_the_server()
    {
        await using var api = await BankApi.StartAsync();
        api.Store.Fail("broken", () => new InvalidOperationException("password=hunter2 at db-7"));

        using var response = await api.PostAsync("/account/broken/open-account", """{ "owner": "Ada", "initialBalance": 1 }""");
        using var read = await api.GetAsync("/account/broken");

        foreach (var r in new[] { response, read })
        {
            var problem = await Problems.ReadAsync(r, HttpStatusCode.InternalServerError, "unexpected-error");
            Assert.DoesNotContain("hunter2", problem.ToString(), StringComparison.Ordinal);
            Assert.False(problem.TryGetProperty("detail", out _));
        }
    }

    [Fact]
    public async Task The_database_not_answering_is_a_503_to_retry_that_tells_nothing_about_the_server()
    {
        await using var api = await BankApi.StartAsync();
        api.Store.Fail("away", () => new InvalidOperationException("likely a transient failure", new DroppedConnection()));

        using var response = await api.PostAsync("/account/away/open-account", """{ "owner": "Ada", "initialBalance": 1 }""");
        using var read = await api.GetAsync("/account/away");

        foreach (var r in new[] { response, read })
        {
            var problem = await Problems.ReadAsync(r, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
            Assert.Equal(TimeSpan.FromSeconds(2), r.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain("db-7", problem.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>What a provider throws for a connection the database dropped: transient, as Npgsql and SqlClient mark it.</summary>
    private sealed class DroppedConnection() : System.Data.Common.DbException("connection to db-7 reset by peer")
    {
        public override bool IsTransient => true;
    }

    [Fact]
    public async Task The_correlation_id_is_passed_to_the_events_and_echoed_on_success_and_failure()
    {
        await using var api = await BankApi.StartAsync();

        using var ok = await api.PostAsync("/account/corr/open-account", """{ "owner": "Ada", "initialBalance": 1 }""", r => r.Headers.Add("X-Correlation-Id", "order-42"));
        using var refused = await api.PostAsync("/account/corr/open-account", """{ "owner": "Ada", "initialBalance": 1 }""", r => r.Headers.Add("X-Correlation-Id", "order-43"));
        using var made = await api.PostAsync("/account/corr/deposit-funds", """{ "amount": 1 }""");
        using var events = await api.GetAsync("/account/corr/events");

        Assert.Equal("order-42", Assert.Single(ok.Headers.GetValues("X-Correlation-Id")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("order-43", Assert.Single(refused.Headers.GetValues("X-Correlation-Id")));
        var generated = Assert.Single(made.Headers.GetValues("X-Correlation-Id"));
        var recorded = (await BankApi.BodyAsync(events)).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("metadata").GetProperty("correlationId").GetString()).ToArray();
        Assert.Equal(["order-42", generated], recorded);
    }
}
