using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WeeEvents.OperationsConsole.Orders;
using WeeEvents.Operator;

namespace WeeEvents.OperationsConsole.Backends;

/// <summary>
/// The services as the console reads them: their <c>/operator</c> routes, their streams
/// (<c>GET /{type}/{key}/events</c>, <c>GET /{type}/{key}?revision=</c>) and their health, each called with the
/// operator's token. A service that does not answer is reported, not thrown: one service down leaves the others readable.
/// </summary>
public sealed class ServiceApi(HttpClient http, IOptions<ConsoleOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The services' names, in the order the console shows them.</summary>
    public IReadOnlyList<string> Names => [.. options.Value.Services.Keys.Order(StringComparer.Ordinal)];

    /// <summary><paramref name="service"/>'s part of the conversation of <paramref name="ids"/>.</summary>
    public Task<Answer<ConversationPart>> ConversationAsync(string service, IEnumerable<string> ids, IEnumerable<Guid> messageIds, CancellationToken cancellationToken)
    {
        var query = string.Join('&', ids.Select(i => "id=" + Uri.EscapeDataString(i)).Concat(messageIds.Select(m => "message=" + m.ToString("D"))));
        return GetAsync<ConversationPart>(service, "operator/conversation?" + query, cancellationToken);
    }

    /// <summary><paramref name="service"/>'s read models and their lag.</summary>
    public Task<Answer<ProjectionProgress[]>> ProjectionsAsync(string service, CancellationToken cancellationToken) =>
        GetAsync<ProjectionProgress[]>(service, "operator/projections", cancellationToken);

    /// <summary><paramref name="service"/>'s message handling over the last minute and its outbox backlog.</summary>
    public Task<Answer<ServiceMetrics>> MetricsAsync(string service, CancellationToken cancellationToken) =>
        GetAsync<ServiceMetrics>(service, "operator/metrics", cancellationToken);

    /// <summary>The deadlines <paramref name="service"/> keeps for the entities keyed by <paramref name="ids"/>.</summary>
    public Task<Answer<UpcomingDeadline[]>> DeadlinesAsync(string service, IEnumerable<string> ids, CancellationToken cancellationToken) =>
        GetAsync<UpcomingDeadline[]>(service, "operator/deadlines?" + string.Join('&', ids.Select(i => "id=" + Uri.EscapeDataString(i))), cancellationToken);

    /// <summary>Asks <paramref name="service"/> to rebuild its projection <paramref name="projection"/>; null when it started, else why not.</summary>
    public async Task<string?> RebuildAsync(string service, string projection, CancellationToken cancellationToken)
    {
        if (!options.Value.Services.TryGetValue(service, out var root))
        {
            return $"no address is configured for {service}";
        }

        try
        {
            using var response = await http.PostAsync(new Uri(root, $"operator/projections/{Uri.EscapeDataString(projection)}/rebuild"), null, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    /// <summary>A page of the Order service's order search (<c>GET /operator/orders?{query}</c>).</summary>
    public Task<Answer<OrderListPage>> OrdersAsync(string query, CancellationToken cancellationToken) =>
        GetAsync<OrderListPage>(OrderSearch.Service, "operator/orders?" + query, cancellationToken);

    /// <summary>The entity types <paramref name="service"/> serves.</summary>
    public Task<Answer<string[]>> EntitiesAsync(string service, CancellationToken cancellationToken) =>
        GetAsync<string[]>(service, "operator/entities", cancellationToken);

    /// <summary>The contract each of <paramref name="service"/>'s routes consumes.</summary>
    public Task<Answer<RouteContract[]>> RoutesAsync(string service, CancellationToken cancellationToken) =>
        GetAsync<RouteContract[]>(service, "operator/routes", cancellationToken);

    /// <summary>A page of a stream's events (<c>{ events, nextAfter }</c>).</summary>
    public Task<Answer<JsonElement>> EventsAsync(string service, string type, string key, long after, CancellationToken cancellationToken) =>
        GetAsync<JsonElement>(service, $"{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(key)}/events?after={after.ToString(CultureInfo.InvariantCulture)}&limit=100", cancellationToken);

    /// <summary>An entity as it was at <paramref name="revision"/> (<c>{ aggregate, type, revision, state }</c>).</summary>
    public Task<Answer<JsonElement>> EntityAsync(string service, string type, string key, long revision, CancellationToken cancellationToken) =>
        GetAsync<JsonElement>(service, $"{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(key)}?revision={revision.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary><paramref name="service"/>'s readiness report (<c>/health/ready</c>), healthy or not.</summary>
    public async Task<Answer<JsonElement>> HealthAsync(string service, CancellationToken cancellationToken)
    {
        if (!options.Value.Services.TryGetValue(service, out var root))
        {
            return Answer<JsonElement>.Failed($"no address is configured for {service}");
        }

        try
        {
            using var response = await http.GetAsync(new Uri(root, "health/ready"), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? Answer<JsonElement>.Of(body) : new Answer<JsonElement>(body, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Answer<JsonElement>.Failed(e.Message);
        }
    }

    private async Task<Answer<T>> GetAsync<T>(string service, string relative, CancellationToken cancellationToken)
    {
        if (!options.Value.Services.TryGetValue(service, out var root))
        {
            return Answer<T>.Failed($"no address is configured for {service}");
        }

        try
        {
            using var response = await http.GetAsync(new Uri(root, relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Answer<T>.Failed("not found");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Answer<T>.Failed($"{(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
            return value is null ? Answer<T>.Failed("an empty answer") : Answer<T>.Of(value);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Answer<T>.Failed(e.Message);
        }
    }
}

/// <summary>What a service answered, or why it did not.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
/// <param name="Value">The answer; default when <paramref name="Problem"/> says why there is none.</param>
/// <param name="Problem">Why the call failed, or null.</param>
public sealed record Answer<T>(T? Value, string? Problem)
{
    /// <summary>A good answer.</summary>
    public static Answer<T> Of(T value) => new(value, null);

    /// <summary>No answer, and why.</summary>
    public static Answer<T> Failed(string problem) => new(default, problem);
}
