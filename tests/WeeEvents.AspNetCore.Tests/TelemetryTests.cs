using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WeeEvents.AspNetCore.Telemetry;

namespace WeeEvents.AspNetCore.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task The_command_span_is_a_child_of_the_http_request_span()
    {
        var spans = new List<Activity>();
        await using var api = await BankApi.StartAsync(host: b => b.Services
            .AddWeeEventsTelemetry(b.Configuration, "bank")
            .WithTracing(t => t.AddInMemoryExporter(spans)));
        var traceId = ActivityTraceId.CreateRandom();

        using var response = await api.PostAsync("/account/t-1/open-account", """{ "owner": "Ada", "initialBalance": 1 }""",
            r => r.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        // Spans are exported as they end; the server span ends just after the response is sent.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Activity[] ours = [];
        while (DateTime.UtcNow < deadline)
        {
            lock (spans)
            {
                ours = spans.Where(s => s.TraceId == traceId).ToArray();
            }

            if (ours.Any(s => s.Kind == ActivityKind.Server))
            {
                break;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var http = Assert.Single(ours, s => s.Kind == ActivityKind.Server);
        var command = Assert.Single(ours, s => s.DisplayName == "command open-account");
        Assert.Equal(http.SpanId, command.ParentSpanId);
        Assert.Equal("success", command.GetTagItem("wee_events.outcome"));
    }

    [Theory]
    [InlineData(null, null, "bank")]
    [InlineData("order", null, "order")]
    [InlineData(null, "service.name=from-attributes,deployment.environment=test", "from-attributes")]
    [InlineData("order", "service.name=from-attributes", "order")]
    public async Task The_standard_variables_name_the_service_and_the_built_in_name_is_only_the_default(
        string? otelServiceName, string? otelResourceAttributes, string expected)
    {
        await using var api = await BankApi.StartAsync(host: b =>
        {
            b.Configuration.AddInMemoryCollection([
                new("OTEL_SERVICE_NAME", otelServiceName),
                new("OTEL_RESOURCE_ATTRIBUTES", otelResourceAttributes),
            ]);
            b.Services.AddWeeEventsTelemetry(b.Configuration, "bank");
        });

        var resource = api.Services.GetRequiredService<TracerProvider>().GetResource();

        Assert.Equal(expected, resource.Attributes.Single(a => a.Key == "service.name").Value);
    }
}
