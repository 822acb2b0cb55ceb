using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeeEvents.LoadTest.Pages;

/// <summary>
/// <c>page-times</c>: signs in to the operations console as an operator (a token link, which the console allows with
/// <c>OperationsConsole:TokenLinks</c>) and times every page's GET, whole body read, as a browser would load it: two
/// untimed, then <see cref="PageTimesOptions.Rounds"/> timed, one after another. Prints each page's median, 95th
/// percentile and slowest, and fails a page over the budget or one whose services did not answer (a page that failed
/// fast would otherwise pass).
/// </summary>
internal static class PageTimer
{
    public static async Task<int> RunAsync(PageTimesOptions options, CancellationToken cancellationToken)
    {
        if (LoadTestToken.Operator() is not { } token)
        {
            return 2;
        }

        var (orderId, customerId) = await AnyOrderAsync(options.OrderUrl, token, cancellationToken);
        using var console = await ConsoleSession.SignInAsync(options.Console, token, "read-models", cancellationToken);
        if (console is null)
        {
            return 1;
        }

        var order = Uri.EscapeDataString(orderId);
        string[] pages =
        [
            "failed", "orders", "orders?status=completed", $"orders?customerId={Uri.EscapeDataString(customerId)}",
            $"conversations?id={order}", $"streams?service=order&type=order&key={order}", "read-models", "services",
        ];
        Console.WriteLine($"page-times: {options.Rounds} GETs per page after 2 untimed, budget {options.Budget.TotalMilliseconds:0} ms (median and p95); order {orderId}");
        Console.WriteLine($"{"page",-70} {"p50_ms",8} {"p95_ms",8} {"max_ms",8}");
        var failed = 0;
        foreach (var page in pages)
        {
            var (times, problem) = await TimeAsync(console, page, options.Rounds, cancellationToken);
            var (p50, p95, max) = (Percentile(times, 0.50), Percentile(times, 0.95), times.Max());
            var verdict = problem ?? (p50 > options.Budget.TotalMilliseconds || p95 > options.Budget.TotalMilliseconds ? "over budget" : "");
            failed += verdict.Length > 0 ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/{page,-69} {p50,8:0.0} {p95,8:0.0} {max,8:0.0} {verdict}"));
        }

        Console.WriteLine($"pages={pages.Length} failed={failed}");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(List<double> Times, string? Problem)> TimeAsync(HttpClient console, string page, int rounds, CancellationToken cancellationToken)
    {
        var times = new List<double>(rounds);
        string? problem = null;
        for (var i = -2; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await console.GetAsync(page, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            clock.Stop();
            if (!response.IsSuccessStatusCode || response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/signin", StringComparison.Ordinal) == true)
            {
                problem = $"answered {(int)response.StatusCode} at {response.RequestMessage?.RequestUri?.PathAndQuery}";
            }
            else if (body.Contains("did not answer", StringComparison.Ordinal))
            {
                problem = "a service or the broker did not answer";
            }

            if (i >= 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (times, problem);
    }

    // An order the services hold (the first by id) and its customer: the conversation, stream and customer pages read it.
    private static async Task<(string OrderId, string CustomerId)> AnyOrderAsync(Uri orderUrl, string token, CancellationToken cancellationToken)
    {
        using var orders = new HttpClient { BaseAddress = orderUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "order?limit=1") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await orders.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var first = page.GetProperty("items").EnumerateArray().FirstOrDefault();
        return first.ValueKind == JsonValueKind.Object
            ? (first.GetProperty("orderId").GetString()!, first.GetProperty("customerId").GetString()!)
            : throw new InvalidOperationException("The Order service lists no order: place some first.");
    }

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
