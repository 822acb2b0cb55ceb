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

    /// <summary>A client of the broker's management API (<c>…/api/</c>).</summary>
    public static HttpClient Management => Server.Value.Management;

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

    /// <summary>The queues of <paramref name="virtualHost"/> as the management API lists them: name, type (classic, quorum) and ready messages.</summary>
    public static async Task<IReadOnlyList<BrokerQueue>> QueuesAsync(VirtualHost virtualHost, CancellationToken cancellationToken)
    {
        var (_, management) = Server.Value;
        var queues = await management.GetFromJsonAsync<JsonElement>($"queues/{Uri.EscapeDataString(virtualHost.Name)}", cancellationToken);
        return queues.EnumerateArray()
            .Select(q => new BrokerQueue(
                q.GetProperty("name").GetString()!,
                q.TryGetProperty("type", out var type) ? type.GetString()! : "classic",
                q.TryGetProperty("messages_ready", out var ready) && ready.ValueKind == JsonValueKind.Number ? ready.GetInt32() : 0))
            .ToArray();
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

/// <summary>A queue as the management API shows it.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="Type">classic or quorum.</param>
/// <param name="Ready">Messages waiting (the management API refreshes this every few seconds).</param>
public sealed record BrokerQueue(string Name, string Type, int Ready);
