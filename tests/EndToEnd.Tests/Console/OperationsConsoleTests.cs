using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WeeEvents.Admin;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Contracts.Compatibility;
using WeeEvents.EndToEnd.Tests.Infrastructure;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Operator;

namespace WeeEvents.EndToEnd.Tests.Console;

/// <summary>
/// The operations console in a real browser (Debian's chromium through Playwright) against the four services as
/// processes over RabbitMQ and PostgreSQL: an operator finds a message parked by a failure, returns it once the cause is
/// gone and sees the order complete, finds the order among the orders with a parked message and follows it to its
/// conversation, follows the order's conversation across all four services (its table and its drawn flow), opens a
/// stream, rebuilds a read model to the head and reads every service's handling rates, refreshed live. Each page is
/// saved as a screenshot under <c>artifacts/console/</c>. Another operator returns one parked message picked by its
/// checkbox and discards another with a reason, both in the journal.
/// </summary>
public sealed class OperationsConsoleTests(ConsoleOrderSystem system) : IClassFixture<ConsoleOrderSystem>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Screenshots = Path.Combine(Repository.Root, "artifacts", "console");

    [Fact]
    public async Task An_operator_returns_a_parked_message_sees_the_order_complete_and_follows_its_conversation_stream_and_read_models()
    {
        await using var browser = await ConsoleBrowser.OpenAsync(system, FlowTimeout, TestContext.Current.CancellationToken);
        var (console, page) = (browser.Console, browser.Page);
        var orderId = Ids.New("order");
        await ShippingOutage.PlaceWhileShippingFailsAsync(system, orderId, FlowTimeout);

        // Failed messages: the parked messages, grouped, with the reason they failed.
        await browser.SignInAsOperatorAsync();
        Assert.EndsWith("/failed", page.Url, StringComparison.Ordinal);
        var groups = page.Locator(".failure-group");
        Assert.Equal(2, await groups.CountAsync());
        var failures = await groups.AllInnerTextsAsync();
        Assert.All(failures, g => Assert.Contains("PostgresException", g, StringComparison.Ordinal));
        Assert.All(failures, g => Assert.Contains("shipping", g, StringComparison.Ordinal));
        // Each was handled once and retried once (the system's one retry interval) before it was parked.
        Assert.Equal(["2", "2"], await page.Locator(".parked-message td.attempts").AllInnerTextsAsync());
        await ScreenshotAsync(page, "failed-messages");

        // One message opened: its reason, attempts, correlation id and masked body.
        await page.Locator(".parked-message a").First.ClickAsync();
        Assert.Contains("PostgresException", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("2 (1 retry)", await page.InnerTextAsync("#attempts"));
        await ScreenshotAsync(page, "parked-message");

        // Orders: the test's order is among those with a parked message, and its link opens its conversation.
        await page.GotoAsync(new Uri(console.Address, "/orders").ToString());
        var parkedOrder = page.Locator($"#parked-orders tr.order[data-order-id='{orderId}']");
        Assert.Contains("2 parked message(s)", await parkedOrder.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"#orders tr.order[data-order-id='{orderId}']").CountAsync());
        await ScreenshotAsync(page, "orders");
        await parkedOrder.Locator("a.conversation").ClickAsync();
        await page.WaitForURLAsync($"**/conversations?id={orderId}");
        Assert.Contains("is parked in shipping", await page.InnerTextAsync("#where"), StringComparison.Ordinal);
        Assert.True(await page.Locator("tr.step-appended").CountAsync() > 0, "the order's conversation lists its events");

        // The cause is gone: every group goes back to its queue, and the order completes.
        // Each group from the plain page: after a return the page's address already matches the next return's, and
        // waiting for it would not wait for that post (a click on a page still being replaced then hung the test).
        while (true)
        {
            await page.GotoAsync(new Uri(console.Address, "/failed").ToString());
            if (await page.Locator(".return-group").CountAsync() == 0)
            {
                break;
            }

            await page.Locator(".return-group").First.ClickAsync();
            await page.WaitForURLAsync("**/failed?done=returned*");
        }

        Assert.Equal("completed", (await system.AwaitOrderEndAsync(orderId, FlowTimeout)).Status());
        await page.GotoAsync(new Uri(console.Address, "/failed").ToString());
        Assert.Contains("Nothing is parked", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.All(await page.Locator("#journal .outcome").AllInnerTextsAsync(), o => Assert.Equal("moved on: no longer parked", o));
        Assert.Contains("ops-oliver", await page.InnerTextAsync("#journal"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "failed-messages-returned");

        // The order's conversation: events of all four services, in time order. Once every route that consumes one of its
        // messages has handled it (the stock's commit may trail the order's completion), nothing is called out as not
        // handled: not the order's completion either, which no route consumes.
        await AwaitNothingUnhandledAsync(page, new Uri(console.Address, $"/conversations?id={orderId}"), FlowTimeout);
        var appended = page.Locator("tr.step-appended");
        var services = await appended.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.service)");
        Assert.Equal(["inventory", "order", "payment", "shipping"], services.Distinct().Order(StringComparer.Ordinal));
        var times = await page.Locator("tr.step").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.at))");
        Assert.Equal(times.Order(), times);
        Assert.True(await page.Locator("tr.step-handled").CountAsync() > 0, "the conversation shows the messages each inbox handled");
        // The drawn flow: a lane per service, an arrow per message handled.
        var lanes = await page.Locator("#flow-diagram g.lane-head").EvaluateAllAsync<string[]>("heads => heads.map(h => h.dataset.service)");
        Assert.Equal(["inventory", "order", "payment", "shipping"], lanes.Order(StringComparer.Ordinal));
        Assert.True(await page.Locator("#flow-diagram .flow-message").CountAsync() >= 4, "the diagram draws the messages between the services");
        await ScreenshotAsync(page, "conversation");

        // The order's stream, and the state after its first event.
        await page.GotoAsync(new Uri(console.Address, $"/streams?service=order&type=order&key={orderId}").ToString());
        Assert.True(await page.Locator("tr.stream-event").CountAsync() >= 2);
        Assert.Contains("completed", await page.InnerTextAsync("#state"), StringComparison.Ordinal);
        await page.Locator("tr.stream-event a", new() { HasTextString = "state after" }).First.ClickAsync();
        Assert.Contains("revision=1", page.Url, StringComparison.Ordinal);
        Assert.Contains("State at revision 1", await page.InnerTextAsync("#state"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "stream");

        // The read models: each service answered with its projections' progress.
        await page.GotoAsync(new Uri(console.Address, "/read-models").ToString());
        Assert.DoesNotContain("class=\"bad\"", await page.InnerHTMLAsync("#projections"), StringComparison.Ordinal);
        Assert.True(await page.Locator("tr.projection").CountAsync() > 0, "the services' read models are listed");
        await ScreenshotAsync(page, "read-models");

        // One rebuilt from the page: emptied, replayed to the head (the page follows it live), audited with the operator's name.
        var orderProjection = page.Locator("tr.projection[data-service='order']").First;
        var projection = await orderProjection.GetAttributeAsync("data-name");
        await orderProjection.Locator("button.rebuild").ClickAsync();
        await page.WaitForURLAsync("**/read-models?rebuilding=*");
        Assert.Contains($"order: {projection}", await page.InnerTextAsync("#rebuilds"), StringComparison.Ordinal);
        Assert.Contains("ops-oliver", await page.InnerTextAsync("#rebuilds"), StringComparison.Ordinal);
        var rebuilt = page.Locator($"tr.projection[data-service='order'][data-name='{projection}'][data-state='caught up']");
        await rebuilt.WaitForAsync(new() { Timeout = (float)FlowTimeout.TotalMilliseconds });
        Assert.True(long.Parse(await rebuilt.Locator("td").Nth(2).InnerTextAsync(), CultureInfo.InvariantCulture) > 0, "the rebuilt projection replayed the events");
        await ScreenshotAsync(page, "read-models-rebuilt");

        // The services page: every service's handling per route, with an order handled a moment ago, refreshed live.
        var fresh = Ids.New("order");
        var sku = Ids.New("sku");
        await system.StockAndPriceAsync(sku, 5, 4m);
        await system.PlaceAsync(fresh, PlaceOrder.Of("tok_visa", new OrderLine(sku, 1, 4m)));
        Assert.Equal("completed", (await system.AwaitOrderEndAsync(fresh, FlowTimeout)).Status());
        await page.GotoAsync(new Uri(console.Address, "/services").ToString());
        Assert.Contains("shipping.schedule", await page.InnerTextAsync("#queues"), StringComparison.Ordinal);
        foreach (var route in new[] { "inventory.reserve-stock", "payment.charge", "shipping.schedule", "order.complete-on-shipment" })
        {
            var row = page.Locator($"tr.route[data-route='{route}']");
            Assert.True(double.Parse((await row.GetAttributeAsync("data-per-second"))!, CultureInfo.InvariantCulture) > 0, $"{route} shows its rate");
            Assert.EndsWith("ms", (await row.Locator("td").Nth(2).InnerTextAsync()).Trim(), StringComparison.Ordinal);
        }

        Assert.All(await page.Locator("p.outbox").AllInnerTextsAsync(), o => Assert.StartsWith("Outbox: ", o, StringComparison.Ordinal));
        await page.Locator("#live-stamp", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^updated") }).WaitForAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "services");
    }

    [Fact]
    public async Task An_operator_returns_one_parked_message_by_its_checkbox_and_discards_another_with_a_reason_both_in_the_journal()
    {
        await using var browser = await ConsoleBrowser.OpenAsync(system, FlowTimeout, TestContext.Current.CancellationToken);
        var page = browser.Page;
        var orderId = Ids.New("order");
        await ShippingOutage.PlaceWhileShippingFailsAsync(system, orderId, FlowTimeout);
        await browser.SignInAsOperatorAsync();
        ILocator GroupOf(string queue) => page.Locator(".failure-group", new() { Has = page.Locator("td", new() { HasTextString = queue }) });

        // The address note, picked by its checkbox and returned alone: Shipping notes the address; the other stays parked.
        await GroupOf("shipping.note-address_error").Locator("input[type=checkbox]").CheckAsync();
        await GroupOf("shipping.note-address_error").Locator(".return-selected").ClickAsync();
        await page.WaitForURLAsync("**/failed?done=returned&count=1");
        await system.AwaitStatusAsync(FlowService.Shipping, $"/shipment/{orderId}", "awaiting-payment", FlowTimeout);
        Assert.Equal(0u, await AdminTool.ReadyAsync(system.VirtualHost, "shipping.note-address_error"));
        Assert.Equal(1u, await AdminTool.ReadyAsync(system.VirtualHost, "shipping.schedule_error"));

        // The shipment's scheduling discarded with a reason: gone from its error queue, and the order is left paid, unshipped.
        const string Reason = "shipped by hand from the back office";
        var discard = GroupOf("shipping.schedule_error");
        await discard.Locator("input[name=Reason]").FillAsync(Reason);
        await discard.Locator("form[action='failed/discard'] button").ClickAsync();
        await page.WaitForURLAsync("**/failed?done=discarded&count=1");
        Assert.Equal(0u, await AdminTool.ReadyAsync(system.VirtualHost, "shipping.schedule_error"));
        Assert.Contains("Nothing is parked", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("paid", (await system.EntityAsync(FlowService.Order, $"/order/{orderId}"))!.Value.GetProperty("state").Status());

        // The journal names the operator, the action, the queue and, for the discard, the reason; the latest first.
        var journal = page.Locator("#journal tr").Filter(new() { HasTextString = "ops-oliver" });
        var rows = await journal.EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))");
        Assert.Equal(2, rows.Length);
        static string[] Told(string[] cells) => [cells[1], cells[2], cells[3], cells[5], cells[6]]; // not when, nor the message ids
        Assert.Equal(["ops-oliver", "discarded", "shipping.schedule_error", Reason, ""], Told(rows[0]));
        Assert.Equal(["ops-oliver", "returned", "shipping.note-address_error", "", "moved on: no longer parked"], Told(rows[1]));
    }

    [Fact]
    public async Task Anonymous_and_non_operator_callers_get_nothing_from_the_console_or_the_operator_routes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var console = await RunningConsole.StartAsync(system, cancellationToken);
        using var browserless = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.Address };
        foreach (var path in new[] { "/failed", "/orders", "/conversations?id=x", "/streams", "/read-models", "/services" })
        {
            using var anonymous = await browserless.GetAsync(path, cancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/signin", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // A token the services accept, but without the operator role, does not sign in.
        var clerk = TestTokens.Issuer.Mint("clerk-clara", TestTokens.AllRoles.Where(r => r != WeeEventsRoles.Operator));
        using var refused = await browserless.GetAsync(new Uri(console.SignInLink(clerk)).PathAndQuery, cancellationToken);
        Assert.Equal("/signin?refused=1", refused.Headers.Location!.OriginalString);
        Assert.Empty(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("weeevents-console", StringComparison.Ordinal)) : []);

        // A form post without the page's antiforgery token does nothing, whoever sends it.
        using var forged = await browserless.PostAsync("/failed/return", new FormUrlEncodedContent([new("Group", "any")]), cancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.NotEqual("/failed?done=returned", forged.Headers.Location?.OriginalString);

        // The services' operator routes: 401 without a token, 403 without the role, 200 for an operator.
        foreach (var service in Enum.GetValues<FlowService>())
        {
            var root = system.Http(service).BaseAddress!;
            using var plain = new HttpClient { BaseAddress = root };
            var paths = new[] { "/operator/projections", "/operator/entities", "/operator/conversation?id=x", "/operator/routes" };
            foreach (var path in service == FlowService.Order ? [.. paths, "/operator/orders?status=paid"] : paths)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await plain.GetAsync(path, cancellationToken)).StatusCode);
                using var asClerk = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", clerk) } };
                Assert.Equal(HttpStatusCode.Forbidden, (await plain.SendAsync(asClerk, cancellationToken)).StatusCode);
                using var asOperator = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", RunningConsole.OperatorToken) } };
                Assert.Equal(HttpStatusCode.OK, (await plain.SendAsync(asOperator, cancellationToken)).StatusCode);
            }

            // Its routes, each with the contract it consumes named as the publishing outbox stores it: what the console checks messages against.
            using var routesRequest = new HttpRequestMessage(HttpMethod.Get, "/operator/routes") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", RunningConsole.OperatorToken) } };
            using var routesResponse = await plain.SendAsync(routesRequest, cancellationToken);
            var routes = await routesResponse.Content.ReadFromJsonAsync<RouteContract[]>(cancellationToken);
            var module = Fleet.Modules.Single(m => string.Equals(m.Name, service.ToString(), StringComparison.OrdinalIgnoreCase));
            Assert.Equal(RouteContracts.Of(module.Inbound, MessageTypeRegistry.UrnOf).Routes, routes);
            if (service == FlowService.Shipping)
            {
                Assert.Contains(new RouteContract("shipping.note-address", "urn:message:weeevents:order:order-placed:v1"), routes!);
            }
        }
    }

    private static async Task AwaitNothingUnhandledAsync(IPage page, Uri conversation, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await page.GotoAsync(conversation.ToString());
        while (await page.Locator("#where .where-unhandled").CountAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not handled after {timeout}: {await page.InnerTextAsync("#where")}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }
}

/// <summary>The four services as processes on PostgreSQL, giving up on a failing message after one quick retry.</summary>
public sealed class ConsoleOrderSystem : ProcessOrderSystem
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings(FlowService service) =>
        [new("WeeEvents:Messaging:RetryIntervals:0", "00:00:00.050")];
}
