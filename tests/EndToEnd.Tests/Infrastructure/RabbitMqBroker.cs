using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WeeEvents.Admin.Topology;
using WeeEvents.Contracts.Compatibility;
using WeeEvents.MassTransit.Routing;
using WeeEvents.MassTransit.Transport;

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

    /// <summary>
    /// Creates a fresh virtual host the broker's user may use, deleted when the result is disposed, deployed as compose
    /// deploys one: each service's user from <c>scripts/rabbitmq-users.sh</c>, then the topology (the contract exchanges
    /// and their bindings to every route's queue, with <paramref name="queueType"/>) by the operator's tool, as the
    /// administrator. <paramref name="previousRelease"/> names services that run as the last release built them.
    /// </summary>
    public static async Task<VirtualHost> CreateVirtualHostAsync(
        CancellationToken cancellationToken,
        string? queueType = null,
        IReadOnlyCollection<FlowService>? previousRelease = null)
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

        // Each service connects as a user of its own, with the permissions the deployment gives it (the same script).
        var passwords = Enum.GetValues<FlowService>().ToDictionary(s => s, _ => Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string?>
        {
            ["WEEEVENTS_RABBITMQ_MANAGEMENT_URL"] = ManagementUrl(management.BaseAddress!),
            ["WEEEVENTS_RABBITMQ_VHOST"] = name,
            ["WEEEVENTS_RABBITMQ_USER_PREFIX"] = name + "-",
            ["WEEEVENTS_RABBITMQ_PREVIOUS_RELEASE"] = string.Join(' ', (previousRelease ?? []).Select(ServiceUser)),
        };
        foreach (var (service, password) in passwords)
        {
            environment[$"WEEEVENTS_RABBITMQ_{service.ToString().ToUpperInvariant()}_PASSWORD"] = password;
        }

        var (exitCode, output) = await CommandLine.RunAsync(
            "sh", [Path.Combine(Repository.Root, "scripts", "rabbitmq-users.sh")], TimeSpan.FromMinutes(1), environment, cancellationToken);
        Assert.True(exitCode == 0, "scripts/rabbitmq-users.sh failed: " + output);
        var users = passwords.ToDictionary(
            p => p.Key,
            p => new UriBuilder(url) { UserName = Uri.EscapeDataString($"{name}-{ServiceUser(p.Key)}"), Password = p.Value }.Uri);

        // The services run with WeeEvents:Messaging:ConsumeTopology=Deployed (ServiceWiring.Deployed): what they
        // consume reaches their queues only through the bindings deployed here.
        await TopologyDeployment.DeployAsync(
            new ConfigurationBuilder().AddInMemoryCollection(
            [
                new(TransportOptions.TransportKey, "RabbitMq"),
                new(TransportOptions.RabbitMqKey, url.ToString()),
                new($"{ConsumerOptions.Section}:{nameof(ConsumerOptions.QueueType)}", queueType),
            ]).Build(),
            cancellationToken);

        return new VirtualHost(name, url, users, async () =>
        {
            await management.DeleteAsync($"vhosts/{name}");
            foreach (var service in passwords.Keys)
            {
                await management.DeleteAsync($"users/{Uri.EscapeDataString($"{name}-{ServiceUser(service)}")}");
            }
        });
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

    /// <summary>The management API's root with the administrator's credentials in it, as the script takes it.</summary>
    private static string ManagementUrl(Uri api)
    {
        var credentials = ManagementCredentials.Split(':', 2);
        return new UriBuilder(api) { Path = "", UserName = credentials[0], Password = credentials.ElementAtOrDefault(1) ?? "" }.Uri.ToString().TrimEnd('/');
    }

    /// <summary>The user name a service connects as (before the virtual host's prefix): its name in lower case.</summary>
    public static string ServiceUser(FlowService service) => service.ToString().ToLowerInvariant();

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

    /// <summary>The names of the exchanges of <paramref name="virtualHost"/>.</summary>
    public static async Task<IReadOnlyList<string>> ExchangesAsync(VirtualHost virtualHost, CancellationToken cancellationToken)
    {
        var (_, management) = Server.Value;
        var exchanges = await management.GetFromJsonAsync<JsonElement>($"exchanges/{Uri.EscapeDataString(virtualHost.Name)}", cancellationToken);
        return [.. exchanges.EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
    }

    private static string ManagementCredentials { get; set; } = "";

    private static (Uri, HttpClient) Connect()
    {
        var amqp = new Uri(RequiredEnvironment.Get(RequiredEnvironment.RabbitMqUrl, "amqp://guest:guest@127.0.0.1:5672/"));
        var managementUrl = Environment.GetEnvironmentVariable(RequiredEnvironment.RabbitMqManagementUrl) is { Length: > 0 } m
            ? new Uri(m)
            : new Uri($"http://{amqp.UserInfo}@{amqp.Host}:15672/");
        ManagementCredentials = managementUrl.UserInfo.Length > 0 ? managementUrl.UserInfo : amqp.UserInfo;
        var credentials = Uri.UnescapeDataString(ManagementCredentials);
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
