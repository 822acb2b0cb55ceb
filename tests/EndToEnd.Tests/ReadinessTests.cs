using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Each service runs alone (no other service up) and says it is ready once its database and broker answer.</summary>
public sealed class ReadinessTests
{
    [Theory]
    [InlineData(FlowService.Order)]
    [InlineData(FlowService.Inventory)]
    [InlineData(FlowService.Payment)]
    [InlineData(FlowService.Shipping)]
    public async Task A_service_started_alone_is_ready_with_its_database_and_bus_checks_healthy(FlowService service)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("weeevents-e2e-alone-");
        await using var virtualHost = await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken);
        await using var database = ServiceDatabase.Postgres(service.ToString());
        var log = new ServiceLog();
        try
        {
            await using var host = await ServiceHost.StartAsync(service, database, virtualHost, new HoldingPaymentGateway(), log, directory.FullName, cancellationToken);

            using var response = await host.Http.GetAsync("/health/ready", cancellationToken);

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}{Environment.NewLine}{log.Tail()}");
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
            Assert.Equal("Healthy", checks["database"]);
            Assert.Contains(checks, c => c.Key.Contains("bus", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/live", cancellationToken)).StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
