using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Testcontainers.RabbitMq;

[assembly: AssemblyFixture(typeof(WeeEvents.MassTransit.Tests.Infrastructure.RabbitMqBroker))]

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>
/// The RabbitMQ every test uses: <c>RABBITMQ_URL</c> (and <c>RABBITMQ_MANAGEMENT_URL</c>) when set; otherwise a
/// Testcontainers broker when a Docker engine answers; otherwise every test fails, naming the variable.
/// Each test gets its own virtual host through the management API, so tests run in parallel.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private RabbitMqContainer? _container;
    private HttpClient? _management;

    public Uri AmqpUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        var management = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            try
            {
                _container = new RabbitMqBuilder("rabbitmq:3.13-management")
                    .WithUsername("guest")
                    .WithPassword("guest")
                    .WithPortBinding(15672, true)
                    .Build();
                await _container.StartAsync();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    "These tests need RabbitMQ: set RABBITMQ_URL (e.g. amqp://guest:guest@127.0.0.1:5672/) and RABBITMQ_MANAGEMENT_URL " +
                    "(e.g. http://guest:guest@127.0.0.1:15672/), or run a Docker engine for Testcontainers. " + e.Message, e);
            }

            url = _container.GetConnectionString();
            management = $"http://guest:guest@{_container.Hostname}:{_container.GetMappedPublicPort(15672)}/";
        }

        AmqpUrl = new Uri(url);
        var managementUrl = new Uri(string.IsNullOrWhiteSpace(management) ? $"http://{AmqpUrl.UserInfo}@{AmqpUrl.Host}:15672/" : management);
        _management = new HttpClient { BaseAddress = new Uri(managementUrl.GetLeftPart(UriPartial.Authority) + "/api/") };
        var credentials = Uri.UnescapeDataString(managementUrl.UserInfo.Length > 0 ? managementUrl.UserInfo : "guest:guest");
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    public async ValueTask DisposeAsync()
    {
        _management?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>A fresh virtual host for one test, deleted when disposed.</summary>
    public async Task<TestVirtualHost> CreateVirtualHostAsync(CancellationToken cancellationToken)
    {
        var name = $"weeevents-test-{Guid.NewGuid():N}";
        var user = Uri.UnescapeDataString(AmqpUrl.UserInfo.Split(':')[0]);
        (await Management.PutAsync($"vhosts/{name}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await Management.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken)).EnsureSuccessStatusCode();
        var builder = new UriBuilder(AmqpUrl) { Path = "/" + name };
        return new TestVirtualHost(this, name, builder.Uri.ToString());
    }

    internal HttpClient Management => _management ?? throw new InvalidOperationException("The broker is not initialised.");

    internal async Task DeleteVirtualHostAsync(string name) => await Management.DeleteAsync($"vhosts/{name}");

    internal async Task<IReadOnlyList<string>> ConnectionsAsync(string vhost, CancellationToken cancellationToken)
    {
        using var response = await Management.GetAsync($"vhosts/{vhost}/connections", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
    }

    internal async Task CloseConnectionAsync(string connection, CancellationToken cancellationToken) =>
        await Management.DeleteAsync($"connections/{Uri.EscapeDataString(connection)}", cancellationToken);

    internal async Task SetMaxConnectionsAsync(string vhost, int? max, CancellationToken cancellationToken)
    {
        var response = max is { } value
            ? await Management.PutAsJsonAsync($"vhost-limits/{vhost}/max-connections", new { value }, cancellationToken)
            : await Management.DeleteAsync($"vhost-limits/{vhost}/max-connections", cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
