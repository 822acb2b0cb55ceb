using System.Net.Http.Headers;
using System.Net.Http.Json;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Operator;

namespace WeeEvents.LoadTest;

/// <summary>
/// The database commands the services sent so far, summed over their <c>GET /operator/metrics</c> (each command one round
/// trip), read at the measured phase's marks so the budget can give round trips per order. It asks as an operator, with a
/// token of its own: the orders' requests keep the customer's.
/// </summary>
internal sealed class DatabaseCommands(HttpClient http, IReadOnlyList<Uri> services)
{
    private readonly AuthenticationHeaderValue? _operator = Environment.GetEnvironmentVariable(LoadTestToken.SigningKeyVariable) is { Length: > 0 } key
        ? new AuthenticationHeaderValue("Bearer", new DevelopmentTokens(key).Mint(LoadTestToken.Subject, [WeeEventsRoles.Operator]))
        : null;

    /// <summary>
    /// The sum, or null when no service was named, one does not count its commands or did not answer (said on the
    /// console: the run goes on, its budget without round trips).
    /// </summary>
    public async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        long sum = 0;
        foreach (var service in services)
        {
            var url = new Uri(service, "operator/metrics");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = _operator;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var metrics = await response.Content.ReadFromJsonAsync<ServiceMetrics>(WeeEventsJson.Options, cancellationToken);
                if (metrics?.DatabaseCommands is not { } commands)
                {
                    return null;
                }

                sum += commands;
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"Could not read the database commands from {url}: {e.Message}");
                return null;
            }
        }

        return services.Count == 0 ? null : sum;
    }
}
