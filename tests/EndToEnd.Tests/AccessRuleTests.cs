using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WeeEvents.AspNetCore.Operator;
using WeeEvents.AspNetCore.Security;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Order;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Shipping;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// The access declarations as the four services enforce them, each its own process on PostgreSQL and RabbitMQ: a customer reads their own order, payment,
/// shipment and reservation and nobody else's (404, left out of lists); staff roles read what their work needs, as the
/// README's table says; a token naming no subject gets nothing anywhere; <c>X-Consistent-With</c> tells nobody about
/// anyone else's order.
/// </summary>
public sealed class AccessRuleTests(ProcessOrderSystem system) : IClassFixture<ProcessOrderSystem>, IDisposable
{
    private readonly Dictionary<FlowService, HttpClient> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every entity that names a customer, by the service that serves it.</summary>
    public static TheoryData<FlowService, string> OwnedEntities => new()
    {
        { FlowService.Order, "/order/{0}" },
        { FlowService.Inventory, "/stock-reservation/{0}" },
        { FlowService.Payment, "/payment/{0}" },
        { FlowService.Shipping, "/shipment/{0}" },
    };

    [Theory]
    [MemberData(nameof(OwnedEntities))]
    public async Task A_customer_reads_their_own_entity_and_anothers_reads_as_missing(FlowService service, string path)
    {
        var (ada, orderId) = await CompletedOrderAsync();
        var grace = Ids.New("customer");

        using var own = await GetAsync(service, string.Format(path, orderId), Customer(ada));
        using var others = await GetAsync(service, string.Format(path, orderId), Customer(grace));
        using var missing = await GetAsync(service, string.Format(path, Ids.New("order")), Customer(grace));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(await ProblemTypeAsync(missing), await ProblemTypeAsync(others));
    }

    [Fact]
    public async Task A_customer_lists_their_own_orders_payments_and_shipments_and_none_of_anothers()
    {
        var (ada, orderId) = await CompletedOrderAsync();
        var grace = Ids.New("customer");
        var lists = new (FlowService Service, string Path, string Key)[]
        {
            (FlowService.Order, "/order", "orderId"), (FlowService.Payment, "/payment", "paymentId"), (FlowService.Shipping, "/shipment", "shipmentId"),
        };
        foreach (var (service, path, key) in lists)
        {
            await AwaitListedAsync(service, path, key, orderId, Staff(WeeEventsRoles.Operator));
        }

        foreach (var (service, path, key) in lists)
        {
            Assert.Contains(orderId, await ListAsync(service, path, key, Customer(ada)));
            Assert.DoesNotContain(orderId, await ListAsync(service, path, key, Customer(grace)));
        }

        // Stock levels are staff work: a customer's list is empty, however much is in stock.
        Assert.Empty(await ListAsync(FlowService.Inventory, "/inventory-item", "sku", Customer(ada)));
    }

    [Fact]
    public async Task Staff_roles_read_what_their_work_needs_and_nothing_else()
    {
        var (_, orderId) = await CompletedOrderAsync();
        var (clerk, manager, @operator) = (ShippingService.ClerkRole, InventoryItemService.ManagerRole, WeeEventsRoles.Operator);

        var expected = new (FlowService Service, string Path, string Role, HttpStatusCode Status)[]
        {
            (FlowService.Shipping, $"/shipment/{orderId}", clerk, HttpStatusCode.OK),
            (FlowService.Payment, $"/payment/{orderId}", clerk, HttpStatusCode.NotFound),
            (FlowService.Order, $"/order/{orderId}", clerk, HttpStatusCode.NotFound),
            (FlowService.Inventory, $"/stock-reservation/{orderId}", clerk, HttpStatusCode.NotFound),
            (FlowService.Inventory, $"/stock-reservation/{orderId}", manager, HttpStatusCode.OK),
            (FlowService.Shipping, $"/shipment/{orderId}", manager, HttpStatusCode.NotFound),
            (FlowService.Payment, $"/payment/{orderId}", manager, HttpStatusCode.NotFound),
            (FlowService.Order, $"/order/{orderId}", @operator, HttpStatusCode.OK),
            (FlowService.Payment, $"/payment/{orderId}", @operator, HttpStatusCode.OK),
            (FlowService.Shipping, $"/shipment/{orderId}", @operator, HttpStatusCode.OK),
            (FlowService.Inventory, $"/stock-reservation/{orderId}", @operator, HttpStatusCode.OK),
        };

        var actual = new List<HttpStatusCode>();
        foreach (var (service, path, role, _) in expected)
        {
            using var response = await GetAsync(service, path, Staff(role));
            actual.Add(response.StatusCode);
        }

        Assert.Equal(expected.Select(e => $"{e.Path} as {e.Role}: {e.Status}"), expected.Zip(actual, (e, a) => $"{e.Path} as {e.Role}: {a}"));
    }

    /// <summary>Who asks, in the loop over every GET route: the entity's own customer, another customer, each staff role.</summary>
    private static readonly (string Name, string? Role)[] Askers =
    [
        ("its customer", null), ("another customer", null), ("shipping-clerk", ShippingService.ClerkRole),
        ("inventory-manager", InventoryItemService.ManagerRole), ("privacy-officer", WeeEventsRoles.PrivacyOfficer), ("operator", WeeEventsRoles.Operator),
    ];

    [Fact]
    public async Task Every_get_route_answers_each_customer_and_staff_role_as_the_access_declarations_and_the_readme_say()
    {
        // One order of Ada's (order, reservation, payment, shipment, an inventory item) and a customer entity of Carol's,
        // who asked to be forgotten: the customer entity exists once she asks.
        var (ada, sku, orderId) = await CompletedOrderOfSkuAsync();
        var carol = Ids.New("customer");
        using (var forget = new HttpRequestMessage(HttpMethod.Post, $"/customer/{carol}/forget") { Content = JsonContent.Create(new { }), Headers = { Authorization = Customer(carol) } })
        using (var forgotten = await Client(FlowService.Order).SendAsync(forget, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);
        }

        var grace = Ids.New("customer");
        var staff = Askers.Where(a => a.Role is not null).ToDictionary(a => a.Role!, a => Staff(a.Role!));
        foreach (var (service, path, key) in Lists)
        {
            await AwaitListedAsync(service, path, key, path == "/inventory-item" ? sku : orderId, staff[WeeEventsRoles.Operator]);
        }

        var expected = new List<string>();
        var actual = new List<string>();
        foreach (var (service, route) in GetRoutes())
        {
            var rule = AccessRule.Of(route.Who);
            var template = route.Route["GET ".Length..];
            var (owner, listedId) = template.StartsWith("/customer/", StringComparison.Ordinal) ? (carol, carol)
                : template.StartsWith("/inventory-item", StringComparison.Ordinal) ? ((string?)null, sku)
                : (ada, orderId);
            // The operator's routes ask for one conversation; the rest ignore the query.
            var path = template.Replace("{key}", listedId, StringComparison.Ordinal) + (template.StartsWith("/operator/", StringComparison.Ordinal) ? $"?id={orderId}" : "");
            var list = Lists.FirstOrDefault(l => l.Path == template);
            // A list is asked for in one page; the order list also by a filter naming Ada, which is still only what the
            // asker may see.
            var paths = list.Path is null ? [path] : template == "/order" ? [$"{path}?limit=1000", $"/order?customerId={ada}&limit=1000"] : new[] { $"{path}?limit=1000" };
            foreach (var (name, role) in Askers)
            {
                var subject = name == "its customer" ? owner ?? ada : grace;
                var token = role is null ? Customer(subject) : staff[role];
                var allowed = rule.Allows(role, ownsIt: name == "its customer" && owner is not null);
                foreach (var asked in paths)
                {
                    expected.Add($"{service} {asked} as {name}: {(list.Path is null ? (allowed ? "200" : rule.Otherwise) : allowed ? "listed" : rule.Otherwise switch
                    {
                        "their own rows" when name == "its customer" => "listed",
                        "their own rows" or "an empty list" => "empty",
                        var other => other,
                    })}");
                    using var response = await GetAsync(service, asked, token);
                    actual.Add($"{service} {asked} as {name}: {(list.Path is null || response.StatusCode != HttpStatusCode.OK ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : await ListedAsync(response, list.Key, listedId))}");
                }
            }
        }

        Assert.Equal(expected, actual);
    }

    /// <summary>The lists of the four services, with the field naming each row.</summary>
    private static readonly (FlowService Service, string Path, string Key)[] Lists =
    [
        (FlowService.Order, "/order", "orderId"), (FlowService.Payment, "/payment", "paymentId"),
        (FlowService.Shipping, "/shipment", "shipmentId"), (FlowService.Inventory, "/inventory-item", "sku"),
    ];

    /// <summary>Every GET route each service serves, by its declarations, the operator's routes every host maps included.</summary>
    private static IEnumerable<(FlowService Service, RouteAccess Route)> GetRoutes() =>
        new (FlowService Service, IReadOnlyList<RouteAccess> Routes)[]
        {
            (FlowService.Order, OrderModule.Module.Access), (FlowService.Inventory, InventoryModule.Module.Access),
            (FlowService.Payment, PaymentModule.Create().Access), (FlowService.Shipping, ShippingModule.Module.Access),
        }
        .SelectMany(m => m.Routes.Concat(OperatorEndpoints.Access).Select(r => (m.Service, Route: r)))
        .Where(r => r.Route.Route.StartsWith("GET ", StringComparison.Ordinal));

    /// <summary>Whether a list's rows name <paramref name="id"/>: "listed", "empty", or "others' rows" (a list that leaks).</summary>
    private static async Task<string> ListedAsync(HttpResponseMessage response, string key, string id)
    {
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().Select(r => r.GetProperty(key).GetString()).ToArray();
        return items.Contains(id) ? "listed" : items.Length == 0 ? "empty" : "others' rows";
    }

    /// <summary>
    /// A route's "who" as <see cref="RouteAccess"/> words it for the README's table: the roles named, whether the entity's
    /// own customer is let in, and what anyone else gets (<c>404</c>, <c>403</c>, <c>their own rows</c>, <c>an empty list</c>).
    /// </summary>
    private sealed record AccessRule(bool AnyCaller, bool Owner, IReadOnlySet<string> Roles, string Otherwise)
    {
        private const string Others = "; anyone else: ";

        public static AccessRule Of(string who)
        {
            if (who == "any authenticated caller")
            {
                return new(true, false, new HashSet<string>(), "");
            }

            var split = who.IndexOf(Others, StringComparison.Ordinal);
            Assert.True(split > 0, $"'{who}' does not say what anyone else gets.");
            var granted = who[..split];
            var roles = System.Text.RegularExpressions.Regex.Matches(granted, "`([^`]+)`").Select(m => m.Groups[1].Value).ToHashSet();
            return new(false, granted.StartsWith("its customer", StringComparison.Ordinal), roles, who[(split + Others.Length)..]);
        }

        public bool Allows(string? role, bool ownsIt) => AnyCaller || (role is not null && Roles.Contains(role)) || (Owner && ownsIt);
    }

    [Fact]
    public async Task A_token_naming_no_subject_is_a_401_on_every_route_of_every_service()
    {
        var (_, orderId) = await CompletedOrderAsync();
        var token = new AuthenticationHeaderValue("Bearer", TestTokens.Issuer.MintWithoutSubject(TestTokens.AllRoles.Append(WeeEventsRoles.PrivacyOfficer)));
        var modules = new (FlowService Service, IReadOnlyList<RouteAccess> Routes)[]
        {
            (FlowService.Order, OrderModule.Module.Access), (FlowService.Inventory, InventoryModule.Module.Access),
            (FlowService.Payment, PaymentModule.Create().Access), (FlowService.Shipping, ShippingModule.Module.Access),
        };

        var answers = new List<string>();
        foreach (var (service, routes) in modules)
        {
            // The operator's routes every service host maps are routes of each service too.
            foreach (var route in routes.Concat(OperatorEndpoints.Access))
            {
                var (method, path) = (route.Route.Split(' ')[0], route.Route.Split(' ')[1].Replace("{key}", orderId, StringComparison.Ordinal));
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = token } };
                if (method == "POST")
                {
                    request.Content = JsonContent.Create(new { reason = "no one asked" });
                }

                using var response = await Client(service).SendAsync(request, Ct);
                answers.Add($"{route.Route}: {(int)response.StatusCode}");
            }
        }

        Assert.All(answers, a => Assert.EndsWith(": 401", a, StringComparison.Ordinal));
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
    }

    [Fact]
    public async Task Consistent_with_another_customers_order_answers_as_for_an_order_that_does_not_exist()
    {
        var (ada, orderId) = await CompletedOrderAsync();
        var grace = Customer(Ids.New("customer"));
        // Projected already: what differs below is whose write it is, never how far the read side has come.
        await AwaitListedAsync(FlowService.Order, "/order", "orderId", orderId, Staff(WeeEventsRoles.Operator));

        using var own = await ListConsistentWithAsync($"order.{orderId}@1", Customer(ada));
        using var others = await ListConsistentWithAsync($"order.{orderId}@1", grace);
        using var missing = await ListConsistentWithAsync($"order.{Ids.New("order")}@1", grace);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((missing.StatusCode, await ProblemTypeAsync(missing)), (others.StatusCode, await ProblemTypeAsync(others)));
        Assert.Equal(HttpStatusCode.BadRequest, others.StatusCode);
    }

    /// <summary>An order placed by a customer of its own, and its id, once it completed and its shipment is scheduled.</summary>
    private async Task<(string Customer, string OrderId)> CompletedOrderAsync()
    {
        var (customer, _, orderId) = await CompletedOrderOfSkuAsync();
        return (customer, orderId);
    }

    /// <summary>The same, with the SKU of its one line, an inventory item of its own.</summary>
    private async Task<(string Customer, string Sku, string OrderId)> CompletedOrderOfSkuAsync()
    {
        var (ada, sku, orderId) = (Ids.New("customer"), Ids.New("sku"), Ids.New("order"));
        await system.StockAndPriceAsync(sku, 5, 5m);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/order/{orderId}/place-order")
        {
            Content = JsonContent.Create(PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 5m)) with { CustomerId = ada }, options: JsonSerializerOptions.Web),
            Headers = { Authorization = Customer(ada) },
        };
        using (var placed = await Client(FlowService.Order).SendAsync(request, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        }

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId)).Status());
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "scheduled");
        await system.AwaitStateAsync(FlowService.Inventory, $"/stock-reservation/{orderId}", s => s.Status() == "committed", "the reservation is committed");
        return (ada, sku, orderId);
    }

    private async Task<HttpResponseMessage> ListConsistentWithAsync(string write, AuthenticationHeaderValue token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/order") { Headers = { Authorization = token } };
        request.Headers.Add("X-Consistent-With", write);
        return await Client(FlowService.Order).SendAsync(request, Ct);
    }

    private async Task<IReadOnlyList<string>> ListAsync(FlowService service, string path, string key, AuthenticationHeaderValue token)
    {
        using var response = await GetAsync(service, path + "?limit=1000", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty(key).GetString()!)];
    }

    private async Task AwaitListedAsync(FlowService service, string path, string key, string id, AuthenticationHeaderValue token)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await ListAsync(service, path, key, token)).Contains(id))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not list {id} within 30 s.");
            await Task.Delay(100, Ct);
        }
    }

    private Task<HttpResponseMessage> GetAsync(FlowService service, string path, AuthenticationHeaderValue token) =>
        Client(service).SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = token } }, Ct);

    /// <summary>A client without the test's default token: each request carries its own.</summary>
    private HttpClient Client(FlowService service)
    {
        if (!_clients.TryGetValue(service, out var client))
        {
            _clients[service] = client = new HttpClient { BaseAddress = system.Http(service).BaseAddress };
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString();

    private static AuthenticationHeaderValue Customer(string subject) => new("Bearer", TestTokens.Issuer.Mint(subject, []));

    private static AuthenticationHeaderValue Staff(string role) => new("Bearer", TestTokens.Issuer.Mint(Ids.New("staff"), [role]));
}
