using System.Net.Http.Headers;
using System.Net.Http.Json;
using WeeEvents.Operator;

namespace WeeEvents.LoadTest;

/// <summary>
/// The delivery attempts that failed so far (each handled again by its route's retry, or parked), summed over the
/// services' <c>GET /operator/metrics</c>: read at the measured phase's marks, so the budget can give them per order. It
/// asks as an operator, with a token of its own: the orders' requests keep the customer's.
/// </summary>
internal sealed class ServiceCounters(HttpClient http, IReadOnlyList<Uri> services)
{
    private readonly AuthenticationHeaderValue? _operator = services.Count > 0 && LoadTestToken.Operator() is { } token
        ? new AuthenticationHeaderValue("Bearer", token)
        : null;

    /// <summary>
    /// The sum, or null when no service was named or one did not answer (said on the console: the run goes on, its
    /// budget without it).
    /// </summary>
    public async Task<long?> FailedAttemptsAsync(CancellationToken cancellationToken)
    {
        if (services.Count == 0)
        {
            return null;
        }

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
                failed += metrics.Routes.Sum(r => r.FailedTotal);
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"Could not read the failed attempts from {url}: {e.Message}");
                return null;
            }
        }

        return failed;
    }
}
