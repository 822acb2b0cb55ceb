using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using WeeEvents.EndToEnd.Tests.Fuzzing;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>Each service's OpenAPI document, as Scalar shows it: valid OpenAPI 3.1 that reads as English.</summary>
public sealed class ServiceDocumentTests
{
    public static TheoryData<FlowService, string, string> Summaries => new()
    {
        { FlowService.Order, "/order/{key}/place-order", "Place an order" },
        { FlowService.Order, "/order/{key}/cancel-order", "Cancel an order" },
        { FlowService.Order, "/order/{key}", "Get an order" },
        { FlowService.Order, "/operator/orders", "Search orders, the stuck ones first" },
        { FlowService.Inventory, "/inventory-item/{key}/restock", "Restock an item" },
        { FlowService.Inventory, "/inventory-item/{key}/events", "List an inventory item's events" },
        { FlowService.Inventory, "/stock-reservation/{key}", "Get a stock reservation" },
        { FlowService.Payment, "/payment/{key}", "Get a payment" },
        { FlowService.Shipping, "/shipment/{key}/dispatch-shipment", "Dispatch a shipment" },
        { FlowService.Shipping, "/shipment/{key}/deliver-shipment", "Deliver a shipment" },
        { FlowService.Shipping, "/operator/routes", "The contract each of this service's routes consumes" },
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public async Task Operations_are_summarised_in_english(FlowService service, string path, string summary)
    {
        var document = await DocumentAsync(service);

        var operation = document.Paths[path].Operations!.Values.Single();
        Assert.Equal(summary, operation.Summary);
    }

    [Theory]
    [InlineData(FlowService.Order)]
    [InlineData(FlowService.Inventory)]
    [InlineData(FlowService.Payment)]
    [InlineData(FlowService.Shipping)]
    public async Task The_document_is_valid_openapi_3_1_introduces_the_service_and_shows_an_example_body_of_every_command(FlowService service)
    {
        var document = await DocumentAsync(service);

        foreach (var routes in ServiceRoutes.Of(service))
        {
            Assert.Contains($"(`/{routes.EntityType}`)", document.Info.Description, StringComparison.Ordinal);
            foreach (var command in routes.Commands)
            {
                var body = document.Paths[$"/{routes.EntityType}/{{key}}/{command.Name}"].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"];
                if (command.PayloadType.GetProperties().Length == 0)
                {
                    // Nothing to fill in: Scalar shows the empty object of the schema as the body.
                    Assert.Empty(body.Schema!.Properties ?? new Dictionary<string, IOpenApiSchema>());
                }
                else
                {
                    Assert.NotNull(body.Example);
                }
            }

            // Internal commands are not routes: to a client they do not exist.
            Assert.DoesNotContain(document.Paths.Keys, p => routes.InternalCommands.Any(c => p.EndsWith("/" + c, StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData(FlowService.Payment, "payment")]
    [InlineData(FlowService.Inventory, "stock-reservation")]
    public async Task An_entity_type_no_client_may_change_is_documented_as_read_only(FlowService service, string entityType)
    {
        var document = await DocumentAsync(service);

        Assert.Contains("Read-only over HTTP", Assert.Single(document.Tags!, t => t.Name == entityType).Description, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Paths, p => p.Key.StartsWith($"/{entityType}/", StringComparison.Ordinal) && p.Value.Operations!.ContainsKey(HttpMethod.Post));
    }

    [Theory]
    [InlineData("/order/{key}/place-order", HttpMethodName.Post, "may send it only for orders they own, and only for themselves; 403 otherwise")]
    [InlineData("/order/{key}/cancel-order", HttpMethodName.Post, "may send it only for orders they own, and only for themselves; 403 otherwise")]
    [InlineData("/order/{key}", HttpMethodName.Get, "reads only orders they own; anyone else's answers 404")]
    public async Task The_customers_ownership_of_the_order_is_documented_with_each_operation(string path, HttpMethodName method, string rule)
    {
        var document = await DocumentAsync(FlowService.Order);

        var operation = document.Paths[path].Operations![method == HttpMethodName.Post ? HttpMethod.Post : HttpMethod.Get];
        Assert.Contains("A caller without the role `operator`", operation.Description, StringComparison.Ordinal);
        Assert.Contains(rule, operation.Description, StringComparison.Ordinal);
        if (method == HttpMethodName.Post)
        {
            Assert.Contains("403", operation.Responses!.Keys);
        }
    }

    public enum HttpMethodName
    {
        Get,
        Post,
    }

    private static async Task<OpenApiDocument> DocumentAsync(FlowService service)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("weeevents-openapi-");
        try
        {
            await using var host = await InProcessService.StartAsync(service, "Sqlite", directory.FullName, cancellationToken);
            using var response = await host.Http.GetAsync("/openapi/v1.json", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings(), cancellationToken);
            Assert.NotNull(document);
            Assert.Empty(diagnostic!.Errors);
            Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
            Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
            return document;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
