using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WeeEvents.AspNetCore.Health;

namespace WeeEvents.AspNetCore.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_are_healthy_when_nothing_they_check_is_down()
    {
        await using var api = await BankApi.StartAsync(host: b => b.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Healthy(), [HealthTags.Ready]));

        using var live = await api.GetAsync("/health/live");
        using var ready = await api.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await BankApi.BodyAsync(live)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((await BankApi.BodyAsync(ready)).GetProperty("checks").TryGetProperty("database", out _));
    }

    [Fact]
    public async Task Ready_fails_with_a_ready_check_while_live_does_not_and_no_error_text_leaks()
    {
        await using var api = await BankApi.StartAsync(host: b => b.Services.AddHealthChecks()
            .AddCheck("broker", () => HealthCheckResult.Unhealthy("connection refused to secret-host"), [HealthTags.Ready]));

        using var live = await api.GetAsync("/health/live");
        using var ready = await api.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.False((await BankApi.BodyAsync(live)).GetProperty("checks").TryGetProperty("broker", out _));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Unhealthy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-host", text, StringComparison.Ordinal);
    }
}
