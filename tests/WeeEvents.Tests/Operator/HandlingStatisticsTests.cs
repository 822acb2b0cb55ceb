using WeeEvents.Operator;
using WeeEvents.Telemetry;

namespace WeeEvents.Tests.Operator;

/// <summary>What the operator's services page reads of a route: its rate and handling times over the last minute, and its duplicates.</summary>
public sealed class HandlingStatisticsTests
{
    [Fact]
    public void A_routes_deliveries_give_its_rate_percentiles_and_duplicates_over_the_last_minute_only()
    {
        var time = new SteppedTime(DateTimeOffset.UnixEpoch.AddDays(20_000));
        using var statistics = new HandlingStatistics(time);
        var route = $"test.route-{Guid.NewGuid():N}";

        // A minute ago: forgotten by now, but still in the totals.
        Deliver(route, 0.500, "success");
        time.Advance(TimeSpan.FromSeconds(70));
        for (var i = 0; i < 98; i++)
        {
            Deliver(route, 0.002, "success");
        }

        Deliver(route, 0.100, "success");
        Deliver(route, 0.100, "success");
        Deliver(route, 0.001, "duplicate");
        Deliver(route, 0.050, "error");

        var figures = Assert.Single(statistics.Read(), r => r.Route == route);
        Assert.Equal(100, figures.Handled);
        Assert.Equal(101, figures.HandledTotal);
        Assert.Equal(100 / HandlingStatistics.Window.TotalSeconds, figures.PerSecond, 6);
        Assert.InRange(figures.P50Ms!.Value, 2, 2.5);      // never reported faster than it was, within 25%
        Assert.InRange(figures.P99Ms!.Value, 100, 125);
        Assert.Equal(1, figures.Duplicates);
        Assert.Equal(1, figures.Failed);
    }

    private static void Deliver(string route, double seconds, string outcome) =>
        WeeEventsTelemetry.MessageDuration.Record(
            seconds,
            new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Consumer, route),
            new KeyValuePair<string, object?>(WeeEventsTelemetry.Attributes.Outcome, outcome));

    private sealed class SteppedTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
