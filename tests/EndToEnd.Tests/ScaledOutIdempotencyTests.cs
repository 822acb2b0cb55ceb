using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Two instances of a service on one PostgreSQL database, as <c>--scale inventory=2</c> runs them: a request retried
/// with the same <c>Idempotency-Key</c> against both at once runs its command once.
/// </summary>
public sealed class ScaledOutIdempotencyTests
{
    [Fact]
    public async Task Twenty_restocks_of_five_each_sent_to_two_instances_at_once_add_exactly_one_hundred()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("weeevents-e2e-idempotency-");
        await using var virtualHost = await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken);
        await using var database = ServiceDatabase.Postgres("inventory");
        var log = new ServiceLog();
        try
        {
            await using var first = await ServiceHost.StartAsync(FlowService.Inventory, database, virtualHost, new HoldingPaymentGateway(), log, directory.FullName, cancellationToken);
            await using var second = await ServiceHost.StartAsync(FlowService.Inventory, database, virtualHost, new HoldingPaymentGateway(), log, directory.FullName, cancellationToken);
            const string sku = "sku-scaled-out";

            // One key after another, each sent to both instances together (different keys racing for one SKU are
            // lost revision races, a matter for the client's retry, not for idempotency).
            var responses = new List<(HttpStatusCode Status, bool Replayed, string Body)>();
            for (var i = 1; i <= 20; i++)
            {
                responses.AddRange(await Task.WhenAll(
                    RestockAsync(first.Http, sku, $"restock-{i}", cancellationToken),
                    RestockAsync(second.Http, sku, $"restock-{i}", cancellationToken)));
            }

            Assert.All(responses, r => Assert.True(r.Status == HttpStatusCode.OK, $"{(int)r.Status} {r.Body}{Environment.NewLine}{log.Tail()}"));
            // Each key ran once: one of its two requests ran the command, the other replayed that response.
            Assert.Equal(20, responses.Count(r => !r.Replayed));
            Assert.Equal(20, responses.Count(r => r.Replayed));
            using var item = await first.Http.GetAsync($"/inventory-item/{sku}", cancellationToken);
            var state = (await item.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("state");
            Assert.Equal(100, state.GetProperty("available").GetInt32());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, bool Replayed, string Body)> RestockAsync(HttpClient http, string sku, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/inventory-item/{sku}/restock")
        {
            Content = new StringContent("""{ "quantity": 5 }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, response.Headers.Contains("Idempotency-Replayed"), await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
