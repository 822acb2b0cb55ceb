using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using WeeEvents.Samples.BankAccount;

namespace WeeEvents.AspNetCore.Tests;

public sealed class OpenApiDocumentTests
{
    private static readonly string[] Commands = ["open-account", "deposit-funds", "withdraw-funds", "close-account"];

    private static async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync(BankApi api)
    {
        using var response = await api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings(), TestContext.Current.CancellationToken);
        Assert.NotNull(result.Document);
        return (result.Document, result.Diagnostic!);
    }

    [Fact]
    public async Task The_document_is_valid_openapi_3_with_every_route()
    {
        await using var api = await BankApi.StartAsync();

        var (document, diagnostic) = await ReadAsync(api);

        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet());
        Assert.Empty(errors ?? []);
        Assert.Equal("BankAccount", document.Info.Title);
        Assert.NotNull(document.Paths["/account/{key}"].Operations![HttpMethod.Get]);
        Assert.NotNull(document.Paths["/account/{key}/events"].Operations![HttpMethod.Get]);
        foreach (var command in Commands)
        {
            Assert.NotNull(document.Paths[$"/account/{{key}}/{command}"].Operations![HttpMethod.Post]);
        }
    }

    [Fact]
    public async Task Each_command_has_its_request_schema_with_the_validators_limits()
    {
        await using var api = await BankApi.StartAsync();

        var (document, _) = await ReadAsync(api);

        var open = RequestSchema(document, "open-account");
        Assert.Equal(["initialBalance", "owner"], open.Required!.Order(StringComparer.Ordinal));
        var owner = open.Properties!["owner"];
        Assert.True(owner.Type!.Value.HasFlag(JsonSchemaType.String));
        Assert.Equal(1, owner.MinLength);
        Assert.Equal(100, owner.MaxLength);
        var initialBalance = open.Properties["initialBalance"];
        Assert.True(initialBalance.Type!.Value.HasFlag(JsonSchemaType.Number));
        Assert.Equal("0", initialBalance.Minimum);

        foreach (var command in new[] { "deposit-funds", "withdraw-funds" })
        {
            var schema = RequestSchema(document, command);
            Assert.Contains("amount", schema.Required!);
            Assert.Equal("0", schema.Properties!["amount"].ExclusiveMinimum);
        }

        var close = RequestSchema(document, "close-account");
        Assert.DoesNotContain("reason", close.Required ?? new HashSet<string>());
        Assert.Equal(200, close.Properties!["reason"].MaxLength);
    }

    [Fact]
    public async Task Every_command_documents_its_entity_response_problem_responses_and_headers()
    {
        await using var api = await BankApi.StartAsync();

        var (document, _) = await ReadAsync(api);

        foreach (var command in Commands)
        {
            var operation = document.Paths[$"/account/{{key}}/{command}"].Operations![HttpMethod.Post];
            Assert.Equal($"account.{command}", operation.OperationId);
            Assert.NotNull(operation.Responses!["200"].Content!["application/json"].Schema);
            foreach (var status in new[] { "400", "404", "409", "412", "413", "415", "422", "500" })
            {
                Assert.True(operation.Responses.ContainsKey(status), $"{command} lacks {status}");
                Assert.NotNull(operation.Responses[status].Content!["application/problem+json"].Schema);
            }

            var headers = operation.Parameters!.Where(p => p.In == ParameterLocation.Header).Select(p => p.Name).ToArray();
            Assert.Contains("Idempotency-Key", headers);
            Assert.Contains("If-Match", headers);
            Assert.Contains("X-Correlation-Id", headers);
        }

        var get = document.Paths["/account/{key}"].Operations![HttpMethod.Get];
        var revision = Assert.Single(get.Parameters!, p => p.Name == "revision");
        Assert.Equal(JsonSchemaType.Integer, revision.Schema!.Type);
        var state = document.Components!.Schemas!["AccountState"];
        Assert.Equal("status", state.Discriminator!.PropertyName);
        Assert.Equal(["closed", "open", "uninitialized"], state.Discriminator.Mapping!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Operations_read_as_english_from_the_commands_own_descriptions()
    {
        await using var api = await BankApi.StartAsync();

        var (document, _) = await ReadAsync(api);

        Assert.Equal("Get an account", document.Paths["/account/{key}"].Operations![HttpMethod.Get].Summary);
        Assert.Equal("List an account's events", document.Paths["/account/{key}/events"].Operations![HttpMethod.Get].Summary);
        var open = document.Paths["/account/{key}/open-account"].Operations![HttpMethod.Post];
        Assert.Equal("Open an account", open.Summary);
        Assert.StartsWith("For its owner, with a starting balance", open.Description, StringComparison.Ordinal);
        Assert.Equal("Withdraw funds", document.Paths["/account/{key}/withdraw-funds"].Operations![HttpMethod.Post].Summary);
    }

    [Fact]
    public async Task Every_command_has_an_example_body_that_its_validator_accepts()
    {
        await using var api = await BankApi.StartAsync();

        var (document, _) = await ReadAsync(api);

        foreach (var command in Commands)
        {
            var example = document.Paths[$"/account/{{key}}/{command}"].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"].Example;
            Assert.NotNull(example);
            var registration = BankAccountService.Description.Dispatcher.Commands.Single(c => c.Name == command);
            var payload = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(example.ToJsonString());
            await registration.ValidateAsync(BankAccountService.Description.Id("example"), payload, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_introduction_says_what_the_service_is_and_states_the_key_rule()
    {
        await using var api = await BankApi.StartAsync();

        var (document, _) = await ReadAsync(api);

        Assert.Contains(BankAccountService.Description.Info.Description!, document.Info.Description, StringComparison.Ordinal);
        Assert.Contains(AggregateKeyRule.Description, document.Info.Description, StringComparison.Ordinal);
        var key = Assert.Single(document.Paths["/account/{key}"].Operations![HttpMethod.Get].Parameters!, p => p.Name == "key");
        Assert.Equal(AggregateKeyRule.MaxLength, key.Schema!.MaxLength);
        Assert.Contains(AggregateKeyRule.Description, key.Description, StringComparison.Ordinal);
        Assert.Equal(BankAccountService.Description.Info.Description, Assert.Single(document.Tags!, t => t.Name == "account").Description);
    }

    [Theory]
    [InlineData("order", "an order")]
    [InlineData("inventory-item", "an inventory item")]
    [InlineData("payment", "a payment")]
    [InlineData("stock-reservation", "a stock reservation")]
    [InlineData("user", "a user")]
    [InlineData("hour-log", "an hour log")]
    public void Entity_types_take_the_right_article(string entityType, string expected) =>
        Assert.Equal(expected, WeeEvents.AspNetCore.OpenApi.EnglishNames.WithArticle(WeeEvents.AspNetCore.OpenApi.EnglishNames.Noun(entityType)));

    [Theory]
    [InlineData("place-order", "order", "Place an order")]
    [InlineData("restock", "inventory-item", "Restock an inventory item")]
    [InlineData("deposit-funds", "account", "Deposit funds (an account)")]
    public void A_command_without_a_description_is_summarised_from_its_name(string command, string entityType, string expected) =>
        Assert.Equal(expected, WeeEvents.AspNetCore.OpenApi.EnglishNames.CommandSummary(command, entityType));

    [Fact]
    public async Task The_scalar_reference_is_served()
    {
        await using var api = await BankApi.StartAsync();

        using var entry = await api.GetAsync("/scalar");
        using var page = await api.GetAsync("/scalar/");

        Assert.Equal(System.Net.HttpStatusCode.Found, entry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scalar", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static IOpenApiSchema RequestSchema(OpenApiDocument document, string command)
    {
        var operation = document.Paths[$"/account/{{key}}/{command}"].Operations![HttpMethod.Post];
        Assert.True(operation.RequestBody!.Required);
        return operation.RequestBody.Content!["application/json"].Schema!;
    }
}
