using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace WeeEvents.Demo.Tests;

/// <summary><c>--transport rabbitmq</c>: the same run over a real broker, in a virtual host of its own.</summary>
public sealed class RabbitMqDemoTests
{
    [Fact]
    public async Task Forty_orders_over_RabbitMQ_all_end_and_add_up()
    {
        var url = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        Assert.False(string.IsNullOrWhiteSpace(url), "This test needs RabbitMQ: set RABBITMQ_URL (e.g. amqp://guest:guest@127.0.0.1:5672/) and RABBITMQ_MANAGEMENT_URL (e.g. http://guest:guest@127.0.0.1:15672/).");
        var ct = TestContext.Current.CancellationToken;
        await using var vhost = await VirtualHost.CreateAsync(new Uri(url!), Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL"), ct);
        using var console = new TestConsole();

        var report = await DemoRun.RunAsync(DemoRuns.Options(40) with { Transport = DemoTransport.RabbitMq, RabbitMqUrl = vhost.AmqpUrl }, console.Console, ct);

        Assert.True(report.ExitCode == DemoCommand.Success, console.ToString());
        DemoRuns.AssertAddsUp(report, 40);
        Assert.Contains("Bus    RabbitMQ", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_stops_the_demo_with_the_start_failed_code()
    {
        using var console = new TestConsole();

        // Nothing listens on port 1: the bus cannot start, and the demo says where it looked.
        var exit = await DemoCommand.InvokeAsync(
            ["--transport", "rabbitmq", "--rabbitmq", "amqp://guest:guest@127.0.0.1:1/", "--orders", "1", "--urls", DemoRuns.AnyFreePort],
            console.Console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoCommand.StartFailed, exit);
        Assert.Contains("Is RabbitMQ running at amqp://guest:guest@127.0.0.1:1/", console.Error, StringComparison.Ordinal);
    }

    /// <summary>A virtual host made through the management API for one test, deleted afterwards.</summary>
    private sealed class VirtualHost(HttpClient management, string name, string amqpUrl) : IAsyncDisposable
    {
        public string AmqpUrl { get; } = amqpUrl;

        public static async Task<VirtualHost> CreateAsync(Uri amqp, string? managementUrl, CancellationToken ct)
        {
            var api = new Uri(string.IsNullOrWhiteSpace(managementUrl) ? $"http://{amqp.UserInfo}@{amqp.Host}:15672/" : managementUrl);
            var credentials = Uri.UnescapeDataString(api.UserInfo.Length > 0 ? api.UserInfo : "guest:guest");
            var http = new HttpClient { BaseAddress = new Uri(api.GetLeftPart(UriPartial.Authority) + "/api/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            var name = $"weeevents-demo-{Guid.NewGuid():N}";
            var user = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
            (await http.PutAsync($"vhosts/{name}", null, ct)).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }, ct)).EnsureSuccessStatusCode();
            return new VirtualHost(http, name, new UriBuilder(amqp) { Path = "/" + name }.Uri.ToString());
        }

        public async ValueTask DisposeAsync()
        {
            await management.DeleteAsync($"vhosts/{name}");
            management.Dispose();
        }
    }
}
