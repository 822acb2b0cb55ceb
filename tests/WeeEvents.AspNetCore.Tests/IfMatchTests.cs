using System.Net;

namespace WeeEvents.AspNetCore.Tests;

public sealed class IfMatchTests
{
    [Fact]
    public async Task A_command_with_the_current_revision_runs()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("m-1");

        using var response = await api.PostAsync("/account/m-1/deposit-funds", """{ "amount": 1 }""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_command_with_a_stale_revision_is_a_412_with_the_current_revision_and_records_nothing()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("m-2");
        (await api.PostAsync("/account/m-2/deposit-funds", """{ "amount": 1 }""")).Dispose();

        using var response = await api.PostAsync("/account/m-2/deposit-funds", """{ "amount": 1 }""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        using var now = await api.GetAsync("/account/m-2");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(1, problem.GetProperty("expectedRevision").GetInt64());
        Assert.Equal(2, problem.GetProperty("currentRevision").GetInt64());
        Assert.Equal(2, (await BankApi.BodyAsync(now)).GetProperty("revision").GetInt64());
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"9223372036854775807\"")] // the largest long: no revision an entity can reach
    public async Task A_malformed_if_match_is_a_400_naming_the_header(string ifMatch)
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("m-3");

        using var response = await api.PostAsync("/account/m-3/deposit-funds", """{ "amount": 1 }""", r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("If-Match", out _));
    }
}
