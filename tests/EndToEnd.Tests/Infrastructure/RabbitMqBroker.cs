using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The RabbitMQ at <c>RABBITMQ_URL</c>. Every order system gets a virtual host of its own through the management API,
/// so systems never hear each other's messages and their queues vanish with them.
/// </summary>
public static class RabbitMqBroker
{
    private static readonly Lazy<(Uri Amqp, HttpClient Management)> Server = new(Connect);

    /// <summary>Creates a fresh virtual host the broker's user may use, deleted when the result is disposed.</summary>
    public static async Task<VirtualHost> CreateVirtualHostAsync(CancellationToken cancellationToken)
    {
        var (amqp, management) = Server.Value;
        var name = $"weeevents-e2e-{Guid.NewGuid():N}";
        var user = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
        (await management.PutAsync($"vhosts/{name}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync(
            $"permissions/{name}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" },
            cancellationToken)).EnsureSuccessStatusCode();
        var url = new UriBuilder(amqp) { Path = "/" + name }.Uri;
        return new VirtualHost(name, url, () => management.DeleteAsync($"vhosts/{name}"));
    }

    /// <summary>
    /// The messages waiting in <paramref name="queue"/> of <paramref name="virtualHost"/>, left where they are (read through the
    /// management API and requeued): their bodies and headers, for a test to see what was parked and why.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> PeekAsync(VirtualHost virtualHost, string queue, CancellationToken cancellationToken)
    {
        var (_, management) = Server.Value;
        using var response = await management.PostAsJsonAsync(
            $"queues/{Uri.EscapeDataString(virtualHost.Name)}/{Uri.EscapeDataString(queue)}/get",
            new { count = 100, ackmode = "ack_requeue_true", encoding = "auto" },
            cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return []; // the queue does not exist yet: nothing was ever parked
        }

        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).EnumerateArray()];
    }

    private static (Uri, HttpClient) Connect()
    {
        var amqp = new Uri(RequiredEnvironment.Get(RequiredEnvironment.RabbitMqUrl, "amqp://guest:guest@127.0.0.1:5672/"));
        var managementUrl = Environment.GetEnvironmentVariable(RequiredEnvironment.RabbitMqManagementUrl) is { Length: > 0 } m
            ? new Uri(m)
            : new Uri($"http://{amqp.UserInfo}@{amqp.Host}:15672/");
        var credentials = Uri.UnescapeDataString(managementUrl.UserInfo.Length > 0 ? managementUrl.UserInfo : amqp.UserInfo);
        var client = new HttpClient { BaseAddress = new Uri(managementUrl.GetLeftPart(UriPartial.Authority) + "/api/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return (amqp, client);
    }
}
