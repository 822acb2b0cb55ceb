using System.Net.Http.Headers;
using System.Net.Http.Json;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Operator;

namespace WeeEvents.LoadTest;

/// <summary>
/// What the services counted so far, summed over their <c>GET /operator/metrics</c>: the database commands they sent (each
/// one round trip) and the delivery attempts that failed (each handled again by its route's retry, or parked). Read at the
/// measured phase's marks, so the budget can give both per order. It asks as an operator, with a token of its own: the
/// orders' requests keep the customer's.
/// </summary>
internal sealed class ServiceCounters(HttpClient http, IReadOnlyList<Uri> services)
{
    private readonly AuthenticationHeaderValue? _operator = Environment.GetEnvironmentVariable(LoadTestToken.SigningKeyVariable) is { Length: > 0 } key
        ? new AuthenticationHeaderValue("Bearer", new DevelopmentTokens(key).Mint(LoadTestToken.Subject, [WeeEventsRoles.Operator]))
        : null;

    /// <summary>
    /// The sums; each null when no service was named or one did not answer (said on the console: the run goes on, its
    /// budget without them), the commands also when a service does not count its own.
    /// </summary>
    public async Task<(long? DatabaseCommands, long? FailedAttempts)> ReadAsync(CancellationToken cancellationToken)
    {
        if (services.Count == 0)
        {
            return (null, null);
        }

        long? commands = 0;
        long failed = 0;
        foreach (var service in services)
        {
            var url = new Uri(service, "operator/metrics");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = _operator;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var metrics = await response.Content.ReadFromJsonAsync<ServiceMetrics>(WeeEventsJson.Options, cancellationToken)
                    ?? throw new System.Text.Json.JsonException("an empty answer");
                commands = commands is { } sum && metrics.DatabaseCommands is { } own ? sum + own : null;
                failed += metrics.Routes.Sum(r => r.FailedTotal);
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"Could not read the services' counts from {url}: {e.Message}");
                return (null, null);
            }
        }

        return (commands, failed);
    }
}
