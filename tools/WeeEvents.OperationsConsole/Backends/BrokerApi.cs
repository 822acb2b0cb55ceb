using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace WeeEvents.OperationsConsole.Backends;

/// <summary>
/// RabbitMQ's management API, for the virtual host of <c>ConnectionStrings:RabbitMq</c>: the queues with their depth
/// and consumers. The failed-messages page finds the <c>_error</c> queues here; the services page shows the rest.
/// </summary>
public sealed class BrokerApi(HttpClient http, IOptions<ConsoleOptions> options, IConfiguration configuration)
{
    /// <summary>The AMQP URL of the broker's virtual host (<c>ConnectionStrings:RabbitMq</c>).</summary>
    public Uri AmqpUrl => configuration.GetConnectionString("RabbitMq") is { Length: > 0 } url
        ? new Uri(url)
        : throw new InvalidOperationException("ConnectionStrings:RabbitMq names no broker.");

    /// <summary>Every queue of the virtual host, by name.</summary>
    public async Task<IReadOnlyList<BrokerQueue>> QueuesAsync(CancellationToken cancellationToken)
    {
        var management = options.Value.RabbitMqManagement
            ?? throw new InvalidOperationException($"{ConsoleOptions.Section}:RabbitMqManagement names no management API.");
        var virtualHost = Uri.UnescapeDataString(AmqpUrl.AbsolutePath.TrimStart('/'));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(
            new Uri(management.GetLeftPart(UriPartial.Authority) + "/"),
            $"api/queues/{Uri.EscapeDataString(virtualHost.Length == 0 ? "/" : virtualHost)}?columns=name,messages,messages_ready,messages_unacknowledged,consumers"));
        if (management.UserInfo is { Length: > 0 } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(user))));
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var queues = await response.Content.ReadFromJsonAsync<BrokerQueue[]>(cancellationToken).ConfigureAwait(false) ?? [];
        return [.. queues.OrderBy(q => q.Name, StringComparer.Ordinal)];
    }
}

/// <summary>A queue as the management API reports it.</summary>
/// <param name="Name">Its name: <c>{service}.{route}</c> for a route, <c>_error</c> at the end for its parked messages.</param>
/// <param name="Messages">Messages in it.</param>
/// <param name="Ready">Messages waiting for a consumer.</param>
/// <param name="Unacknowledged">Messages a consumer holds.</param>
/// <param name="Consumers">Consumers attached: the instances serving the route.</param>
public sealed record BrokerQueue(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("messages_ready")] long Ready,
    [property: JsonPropertyName("messages_unacknowledged")] long Unacknowledged,
    [property: JsonPropertyName("consumers")] int Consumers)
{
    /// <summary>The service a route's queue belongs to: the part of its name before the first dot.</summary>
    public string Service => Name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? Name[..dot] : "";
}
