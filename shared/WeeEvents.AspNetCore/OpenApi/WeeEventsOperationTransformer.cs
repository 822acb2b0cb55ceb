using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WeeEvents.AspNetCore.Http;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Documents what the endpoint delegates cannot say by themselves: the key's rule, the command headers
/// (<c>Idempotency-Key</c>, <c>If-Match</c>, <c>X-Correlation-Id</c>), the integer query parameters and the
/// command's example body, and the 429 every route answers past the caller's rate limit.
/// </summary>
internal sealed class WeeEventsOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] IntegerQueryParameters = ["revision", "after", "limit"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<WeeEventsEndpointMetadata>().FirstOrDefault();
        if (metadata is null)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && IntegerQueryParameters.Contains(parameter.Name, StringComparer.Ordinal))
            {
                var maxPage = context.ApplicationServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value.MaxEventPageSize;
                // Revisions go up to the int64 format's own limit, which needs no maximum (nor would survive a JavaScript number).
                var (minimum, maximum, description) = parameter.Name switch
                {
                    "revision" => (1, null, "The revision to replay the entity up to: the entity as it was then."),
                    "after" => (0, null, "List the events after this revision; 0, the default, lists from the first."),
                    _ => (1, (int?)maxPage, "The most events to list in one page."),
                };
                parameter.Description = description;
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int64",
                    Minimum = minimum.ToString(CultureInfo.InvariantCulture),
                    Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
                };
            }
            else if (parameter.In == ParameterLocation.Path && parameter.Name == RouteKey.Parameter)
            {
                parameter.Description = $"The {EnglishNames.Noun(metadata.EntityType)}'s key. {AggregateKeyRule.Description}";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = AggregateKeyRule.MaxLength };
            }
        }

        if (metadata.ExampleJson is { } example && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = JsonNode.Parse(example);
            }
        }

        operation.Parameters.Add(Header(HttpHeaderNames.CorrelationId, "The business transaction this request belongs to; made up when absent and echoed back."));
        if (metadata.Command is not null)
        {
            operation.Parameters.Add(Header(HttpHeaderNames.IdempotencyKey,
                "Makes the command safe to retry: a repeat with the same key and body returns the first response without running the command again, on any instance; a repeat sent while the first is still running waits for its response (409 if it does not come in time); the same key with another body is refused with 422. " +
                "A key is the caller's, for this command: the same key sent by another caller, or to another command, is another key and never replays this response."));
            operation.Parameters.Add(Header("If-Match",
                "Runs the command only if the entity is at this revision (its ETag, for example \"3\"); 412 otherwise."));
        }

        if (context.ApplicationServices.GetRequiredService<IOptions<RateLimiting.WeeEventsRateLimitOptions>>().Value.Enabled)
        {
            operation.Responses ??= [];
            operation.Responses["429"] = new OpenApiResponse
            {
                Description = "Too many requests from this caller (its token's subject, or its address without one): a `rate-limited` problem; `Retry-After` says when to send again.",
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
