using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Telemetry;

namespace WeeEvents.Tests;

/// <summary>
/// Telemetry goes through one global ActivitySource and Meter: each test uses its own entity type and
/// reads only what carries it, so tests running in parallel do not see each other's spans.
/// </summary>
public class TelemetryTests
{
    [Fact]
    public async Task A_command_records_a_span_with_load_handler_and_append_children()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(WeeEventsTelemetry.Name).AddInMemoryExporter(spans).Build();
        var description = Bank.Named("traced-account");
        var service = description.CreateService(new InMemoryEventStore());

        await service.ExecuteAsync(OpenAccount.Name, description.Id("t1"), new OpenAccount.Command("Ada", 1m), Callers.AsService);
        await service.ExecuteAsync(DepositFunds.Name, description.Id("t1"), new DepositFunds.Command(2m), Callers.AsService);
        tracing!.ForceFlush();

        // Opening creates the account: nothing is loaded, the append proves the stream new.
        var opening = Assert.Single(Snapshot(spans), s => s.DisplayName == "command open-account" && Equals(s.GetTagItem(WeeEventsTelemetry.Attributes.AggregateType), "traced-account"));
        Assert.Equal(["handler", "append traced-account"], Snapshot(spans).Where(s => s.ParentSpanId == opening.SpanId).Select(s => s.DisplayName).ToArray());
        var command = Assert.Single(Snapshot(spans), s => s.DisplayName == "command deposit-funds" && Equals(s.GetTagItem(WeeEventsTelemetry.Attributes.AggregateType), "traced-account"));
        Assert.Equal("success", command.GetTagItem(WeeEventsTelemetry.Attributes.Outcome));
        Assert.Equal("t1", command.GetTagItem(WeeEventsTelemetry.Attributes.AggregateKey));
        Assert.Equal(ActivityStatusCode.Unset, command.Status);
        var children = Snapshot(spans).Where(s => s.ParentSpanId == command.SpanId).Select(s => s.DisplayName).ToArray();
        Assert.Equal(["load traced-account", "handler", "append traced-account"], children);
        var append = Snapshot(spans).Single(s => s.ParentSpanId == command.SpanId && s.DisplayName.StartsWith("append", StringComparison.Ordinal));
        Assert.Contains(append.Events, e => e.Name == "event funds-deposited");
        Assert.Null(command.GetTagItem(WeeEventsTelemetry.Attributes.Payload));
    }

    [Fact]
    public async Task A_failing_command_marks_its_span_as_an_error_with_the_error_type()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(WeeEventsTelemetry.Name).AddInMemoryExporter(spans).Build();
        var description = Bank.Named("failing-account");
        var service = description.CreateService(new InMemoryEventStore());

        await Assert.ThrowsAsync<Samples.BankAccount.Domain.AccountNotOpen>(() =>
            service.ExecuteAsync(WithdrawFunds.Name, description.Id("f1"), new WithdrawFunds.Command(1m), Callers.AsService));
        tracing!.ForceFlush();

        var command = Assert.Single(Snapshot(spans), s => Equals(s.GetTagItem(WeeEventsTelemetry.Attributes.AggregateType), "failing-account"));
        Assert.Equal(ActivityStatusCode.Error, command.Status);
        Assert.Equal("AccountNotOpen", command.GetTagItem(WeeEventsTelemetry.Attributes.ErrorType));
        Assert.Equal("rejected", command.GetTagItem(WeeEventsTelemetry.Attributes.Outcome));
    }

    [Fact]
    public async Task Extra_attributes_and_payloads_are_recorded_only_when_asked_for()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(WeeEventsTelemetry.Name).AddInMemoryExporter(spans).Build();
        var description = Bank.Named("attributed-account");
        var options = new ServiceOptions
        {
            Telemetry = new WeeEventsTelemetryOptions
            {
                RecordPayloads = true,
                CommandAttributes = c => [new("bank.owner_present", c.Payload.TryGetProperty("owner", out _))],
                EventAttributes = e => [new("bank.event_revision", e.Revision.Value)],
            },
        };
        var service = description.CreateService(new InMemoryEventStore(), options);

        await service.ExecuteAsync(OpenAccount.Name, description.Id("x"), new OpenAccount.Command("Ada", 1m), Callers.AsService);
        tracing!.ForceFlush();

        var command = Assert.Single(Snapshot(spans), s => s.DisplayName.StartsWith("command", StringComparison.Ordinal) && Equals(s.GetTagItem(WeeEventsTelemetry.Attributes.AggregateType), "attributed-account"));
        Assert.Equal(true, command.GetTagItem("bank.owner_present"));
        Assert.Contains("\"owner\":\"Ada\"", (string)command.GetTagItem(WeeEventsTelemetry.Attributes.Payload)!, StringComparison.Ordinal);
        var recorded = Snapshot(spans).Single(s => s.ParentSpanId == command.SpanId && s.DisplayName.StartsWith("append", StringComparison.Ordinal)).Events.Single();
        Assert.Contains(recorded.Tags, t => t.Key == "bank.event_revision" && Equals(t.Value, 1L));
    }

    [Fact]
    public async Task Commands_events_and_loads_are_counted_in_metrics()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(WeeEventsTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var description = Bank.Named("metered-account");
        var service = description.CreateService(new InMemoryEventStore());
        var id = description.Id("m1");

        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), Callers.AsService);
        await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(2m), Callers.AsService);
        await Assert.ThrowsAsync<CommandValidationFailed>(() => service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(-2m), Callers.AsService));
        meters!.ForceFlush();

        Assert.Equal(2, Sum(metrics, "wee_events.command.count", ("wee_events.outcome", "success")));
        Assert.Equal(1, Sum(metrics, "wee_events.command.count", ("wee_events.outcome", "invalid")));
        Assert.Equal(1, Sum(metrics, "wee_events.command.errors", ("error.type", "CommandValidationFailed")));
        Assert.Equal(1, Sum(metrics, "wee_events.event.count", ("wee_events.event.type", "funds-deposited")));
        Assert.Equal(1, HistogramCount(metrics, "wee_events.aggregate.event_count")); // opening creates: no load
        Assert.Equal(3, HistogramCount(metrics, "wee_events.command.duration"));
        Assert.Equal(2, HistogramCount(metrics, "wee_events.event.size"));
    }

    [Fact]
    public async Task Switched_off_telemetry_records_no_span()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(WeeEventsTelemetry.Name).AddInMemoryExporter(spans).Build();
        var description = Bank.Named("quiet-account");
        var service = description.CreateService(new InMemoryEventStore(), new ServiceOptions { Telemetry = new WeeEventsTelemetryOptions { Enabled = false } });

        await service.ExecuteAsync(OpenAccount.Name, description.Id("q"), new OpenAccount.Command("Ada", 1m), Callers.AsService);
        tracing!.ForceFlush();

        Assert.DoesNotContain(Snapshot(spans), s => s.DisplayName.Contains("quiet-account", StringComparison.Ordinal) || Equals(s.GetTagItem(WeeEventsTelemetry.Attributes.AggregateType), "quiet-account"));
    }

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, string entityType)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = false;
                foreach (var tag in point.Tags)
                {
                    matches |= tag.Key == WeeEventsTelemetry.Attributes.AggregateType && Equals(tag.Value, entityType);
                }

                if (matches)
                {
                    yield return point;
                }
            }
        }
    }

    private static long Sum(List<Metric> metrics, string name, (string Key, string Value) tag) =>
        Points(metrics, name, "metered-account").Where(p => HasTag(p, tag)).Sum(p => p.GetSumLong());

    private static long HistogramCount(List<Metric> metrics, string name) =>
        Points(metrics, name, "metered-account").Sum(p => p.GetHistogramCount());

    private static bool HasTag(MetricPoint point, (string Key, string Value) wanted)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == wanted.Key && Equals(tag.Value, wanted.Value))
            {
                return true;
            }
        }

        return false;
    }
}
