using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Services.Order.Operator;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Tests;

/// <summary>
/// The operator's order search over the order summaries: the stuck orders first (the longest stuck first, overdue ones
/// marked), then the others newest first; filtered by status, customer, time and id; paged by keyset without losing or
/// repeating an order.
/// </summary>
public sealed class OrderSearchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("weeevents-order-search-");
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSingleton<ProjectionDescription>(OrderSummaries.Description)
            .AddWeeEventsStorage(o => (o.Provider, o.ConnectionString) = ("Sqlite", $"Data Source={Path.Combine(_directory.FullName, "order.db")};Pooling=false"))
            .BuildServiceProvider();
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        await db.Database.EnsureCreatedAsync(Ct);
        db.AddRange(
            Summary("o-done-old", "c-1", "completed", Now.AddHours(-3), terminal: true),
            Summary("o-overdue", "c-2", "paid", Now.AddMinutes(-30)),
            Summary("o-open", "c-1", "placed", Now.AddMinutes(-2)),
            Summary("o-fresh", "c-2", "placed", Now.AddSeconds(-5)),
            Summary("o-rejected", "c-1", "rejected", Now.AddMinutes(-1), terminal: true),
            Summary("o-done-new", "c-2", "completed", Now.AddSeconds(-1), terminal: true));
        await db.SaveChangesAsync(Ct);
    }

    private IDbContextFactory<WeeEventsDbContext> Contexts => _services!.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>();

    [Fact]
    public async Task The_stuck_orders_come_first_longest_stuck_first_then_the_others_newest_first()
    {
        var page = await SearchAsync(Request());

        Assert.Equal(["o-overdue", "o-open", "o-done-new", "o-fresh", "o-rejected", "o-done-old"], page.Items.Select(i => i.OrderId));
        Assert.Equal(["overdue", "open", null, null, null, null], page.Items.Select(i => i.Stuck));
        Assert.Equal(2, page.StuckTotal);
        Assert.Equal(Now.AddMinutes(-30) + Deadline, page.Items[0].DueAt);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task A_longer_threshold_leaves_an_order_open_for_less_than_it_among_the_others_but_never_an_overdue_one()
    {
        var page = await SearchAsync(Request() with { StuckAfter = TimeSpan.FromHours(1) });

        Assert.Equal(["o-overdue"], page.Items.Where(i => i.Stuck is not null).Select(i => i.OrderId));
        Assert.Equal(1, page.StuckTotal);
    }

    [Fact]
    public async Task Keyset_pages_list_every_order_once_in_the_order_of_one_page()
    {
        var whole = await SearchAsync(Request());
        var paged = new List<string>();
        var request = Request() with { Limit = 1 };
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await SearchAsync(request);
            paged.AddRange(page.Items.Select(i => i.OrderId));
            if (page.Next is null)
            {
                break;
            }

            request = request with { After = OrderSearchCursor.Read(page.Next) };
        }

        Assert.Equal(whole.Items.Select(i => i.OrderId), paged);
    }

    [Fact]
    public async Task Filters_by_status_customer_time_window_and_ids_narrow_both_the_stuck_and_the_others()
    {
        Assert.Equal(["o-open", "o-fresh"], (await SearchAsync(Request() with { Status = "placed" })).Items.Select(i => i.OrderId));
        Assert.Equal(["o-open", "o-rejected", "o-done-old"], (await SearchAsync(Request() with { CustomerId = "c-1" })).Items.Select(i => i.OrderId));
        var window = await SearchAsync(Request() with { From = Now.AddHours(-1), To = Now.AddMinutes(-1) });
        Assert.Equal(["o-overdue", "o-open"], window.Items.Select(i => i.OrderId));
        var named = await SearchAsync(Request() with { OrderIds = ["o-done-old", "o-open", "o-unknown"] });
        Assert.Equal(["o-open", "o-done-old"], named.Items.Select(i => i.OrderId));
        Assert.Equal(1, named.StuckTotal);
    }

    [Fact]
    public void A_cursor_that_this_search_did_not_write_is_refused()
    {
        var written = new OrderSearchCursor(true, Now, Now.AddMinutes(-3), "o-1").Write();

        Assert.Equal(new OrderSearchCursor(true, Now, Now.AddMinutes(-3), "o-1"), OrderSearchCursor.Read(written));
        Assert.Null(OrderSearchCursor.Read("not-a-cursor"));
        Assert.Null(OrderSearchCursor.Read(Convert.ToBase64String("x|1|2|o-1"u8.ToArray())));
    }

    private async Task<OrderSearchPage> SearchAsync(OrderSearchRequest request)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        return await OrderSearch.SearchAsync(db.Set<OrderSummary>(), request, Now, Deadline, Ct);
    }

    private static OrderSearchRequest Request() => new(null, null, null, null, [], OrderSearch.DefaultStuckAfter, 50, null);

    private static OrderSummary Summary(string id, string customer, string status, DateTimeOffset placedAt, bool terminal = false) =>
        new() { OrderId = id, CustomerId = customer, Status = status, Currency = "EUR", Total = 10m, PlacedAt = placedAt, ChangedAt = placedAt, Terminal = terminal };

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }
}
