using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// The HTTP edge of the four services as four processes on PostgreSQL: an <c>Idempotency-Key</c> replays only to the
/// caller who made it, a caller past its rate limit gets 429 while others are served, and control characters in any
/// text field or query value are a 400 naming it (<see cref="ControlCharacters"/>).
/// </summary>
[Collection(nameof(HttpEdgeTests))]
public sealed class HttpEdgeTests(LimitedProcessOrderSystem system) : IClassFixture<LimitedProcessOrderSystem>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private HttpClient As(string subject, FlowService service = FlowService.Order, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = system.Http(service).BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issuer.Mint(subject, roles));
        return client;
    }

    [Fact]
    public async Task A_replayed_idempotency_key_with_another_callers_token_does_not_get_the_stored_reply()
    {
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 10, 5m);
        var ada = Ids.New("customer");
        var orderId = Ids.New("order");
        var order = PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)) with { CustomerId = ada };
        using var asAda = As(ada);
        // An operator may place this very order for Ada: access lets the same key, path and body through, so only the
        // key's scope decides whether the stored reply is hers alone.
        using var asOperator = As(Ids.New("staff"), FlowService.Order, WeeEvents.AspNetCore.Security.WeeEventsRoles.Operator);

        using var placed = await SendAsync(asAda, orderId, order, "key-1");
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var stored = await RevisionAsync(placed);
        // The order moves on: a command run now answers a later revision than the reply stored for Ada's key. (Polled
        // by the operator below the rate limit this system sets.)
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await CurrentRevisionAsync(asOperator, orderId) == stored)
        {
            Assert.True(DateTime.UtcNow < deadline, $"order {orderId} did not move on within 30 s");
            await Task.Delay(300, _ct);
        }

        using var other = await SendAsync(asOperator, orderId, order, "key-1");
        using var replayed = await SendAsync(asAda, orderId, order, "key-1");

        // The operator's request is their own: it runs as a new place-order (the same order again, a no-op on the order
        // as it is now) and is not answered with Ada's stored reply. Were the key not the caller's, it would be.
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotency-Replayed"));
        Assert.True(await RevisionAsync(other) > stored, "the operator got the revision Ada's reply was stored at");
        // Ada's own retry is replayed: her stored reply, at the revision it was stored at.
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", Assert.Single(replayed.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(stored, await RevisionAsync(replayed));
    }

    private async Task<long> RevisionAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(_ct)).GetProperty("revision").GetInt64();

    private async Task<long> CurrentRevisionAsync(HttpClient client, string orderId)
    {
        using var response = await client.GetAsync($"/order/{orderId}", _ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /order/{orderId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(_ct)}");
        return await RevisionAsync(response);
    }

    [Fact]
    public async Task A_burst_past_the_limit_gets_429_with_retry_after_and_another_caller_is_still_served()
    {
        using var burst = As(Ids.New("customer"));
        using var other = As(Ids.New("customer"));
        var orderId = Ids.New("order");

        var responses = await Task.WhenAll(Enumerable.Range(0, LimitedProcessOrderSystem.PermitLimit * 3).Select(_ => burst.GetAsync($"/order/{orderId}", _ct)));
        using var served = await other.GetAsync($"/order/{orderId}", _ct);

        try
        {
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
            Assert.True(refused.Length >= LimitedProcessOrderSystem.PermitLimit, $"only {refused.Length} of {responses.Length} were refused");
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
            var problem = await refused[0].AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("urn:wee-events:problem:rate-limited", problem.GetProperty("type").GetString());
            Assert.True(refused[0].Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "no Retry-After in seconds");
            Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(ControlCharacters.BadBodies), MemberType = typeof(ControlCharacters))]
    public Task A_control_character_in_a_text_field_is_a_400_naming_it_on_postgres(FlowService service, string path, string body, string field) =>
        ControlCharacters.AssertBodyRefusedAsync(system, service, path, body, field);

    [Theory]
    [MemberData(nameof(ControlCharacters.BadQueries), MemberType = typeof(ControlCharacters))]
    public Task A_control_character_in_a_query_value_is_a_400_naming_it_on_postgres(FlowService service, string path, string parameter) =>
        ControlCharacters.AssertQueryRefusedAsync(system, service, path, parameter);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string orderId, PlaceOrder order, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/order/{orderId}/place-order") { Content = JsonContent.Create(order, options: System.Text.Json.JsonSerializerOptions.Web) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

/// <summary>
/// Control characters on SQLite: the same 400s as on PostgreSQL, where a NUL used to be a 500 and here a success. In the
/// collection of <see cref="HttpEdgeTests"/> so that its four processes start after those, not at the same time.
/// </summary>
[Collection(nameof(HttpEdgeTests))]
public sealed class SqliteHttpEdgeTests(SqliteProcessOrderSystem system) : IClassFixture<SqliteProcessOrderSystem>
{
    [Theory]
    [MemberData(nameof(ControlCharacters.BadBodies), MemberType = typeof(ControlCharacters))]
    public Task A_control_character_in_a_text_field_is_a_400_naming_it_on_sqlite(FlowService service, string path, string body, string field) =>
        ControlCharacters.AssertBodyRefusedAsync(system, service, path, body, field);

    [Theory]
    [MemberData(nameof(ControlCharacters.BadQueries), MemberType = typeof(ControlCharacters))]
    public Task A_control_character_in_a_query_value_is_a_400_naming_it_on_sqlite(FlowService service, string path, string parameter) =>
        ControlCharacters.AssertQueryRefusedAsync(system, service, path, parameter);
}

/// <summary>Requests with control characters in a body's text or a query value, and what each must be answered.</summary>
public static class ControlCharacters
{
    private const string Address = """{ "name": "Ada Lovelace", "line1": "1 Main St", "city": "London", "postalCode": "N1 9GU", "country": "GB" }""";

    private static string Order(string customerId = "c-1", string address = Address, string token = "tok_visa") =>
        $$"""{ "customerId": "{{customerId}}", "currency": "EUR", "lines": [ { "sku": "sku-1", "quantity": 1, "unitPrice": 1 } ], "shippingAddress": {{address}}, "paymentToken": "{{token}}" }""";

    /// <summary>(service, path, JSON body with an escaped control character, field named).</summary>
    public static TheoryData<FlowService, string, string, string> BadBodies => new()
    {
        { FlowService.Order, "/order/{id}/place-order", Order(customerId: "c\\u0000"), "customerId" },
        { FlowService.Order, "/order/{id}/place-order", Order(address: Address.Replace("Ada Lovelace", "Ada\\nLovelace", StringComparison.Ordinal)), "shippingAddress.name" },
        { FlowService.Order, "/order/{id}/place-order", Order(token: "tok_visa\\u0085"), "paymentToken" },
        { FlowService.Order, "/order/{id}/cancel-order", """{ "reason": "\u0000" }""", "reason" },
        { FlowService.Inventory, "/inventory-item/{id}/set-price", """{ "amount": 1, "currency": "EU\u0000" }""", "currency" },
    };

    /// <summary>(service, path with a control character in a query value, parameter named).</summary>
    public static TheoryData<FlowService, string, string> BadQueries => new()
    {
        { FlowService.Order, "/order?customerId=%00", "customerId" },
        { FlowService.Order, "/order?customerId=a%0Ab", "customerId" },
        { FlowService.Order, "/order?status=placed%00", "status" },
        { FlowService.Payment, "/payment?status=%C2%85", "status" },
        { FlowService.Inventory, "/inventory-item?belowAvailable=%00", "belowAvailable" },
        { FlowService.Shipping, "/shipment/{id}?note=%01", "note" },
    };

    public static async Task AssertBodyRefusedAsync(OrderSystem system, FlowService service, string path, string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var id = Ids.New("k");
        using var response = await system.Http(service).PostAsync(path.Replace("{id}", id, StringComparison.Ordinal), content, TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Null(await system.EntityAsync(service, path[..path.IndexOf("{id}", StringComparison.Ordinal)] + id));
    }

    public static async Task AssertQueryRefusedAsync(OrderSystem system, FlowService service, string path, string parameter)
    {
        using var response = await system.Http(service).GetAsync(path.Replace("{id}", Ids.New("k"), StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([parameter], problem.ErrorFields());
    }
}
