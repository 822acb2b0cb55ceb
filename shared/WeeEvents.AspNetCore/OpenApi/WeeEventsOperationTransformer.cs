using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WeeEvents.AspNetCore.Http;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Documents what the endpoint delegates cannot say by themselves: the command headers
/// (<c>Idempotency-Key</c>, <c>If-Match</c>, <c>X-Correlation-Id</c>) and the integer query parameters.
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
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = parameter.Name == "after" ? "0" : "1" };
            }
        }

        operation.Parameters.Add(Header(HttpHeaderNames.CorrelationId, "The business transaction this request belongs to; made up when absent and echoed back."));
        if (metadata.Command is not null)
        {
            operation.Parameters.Add(Header(HttpHeaderNames.IdempotencyKey,
                "Makes the command safe to retry: a repeat with the same key and body returns the first response without running the command again; the same key with another body is refused with 422."));
            operation.Parameters.Add(Header("If-Match",
                "Runs the command only if the entity is at this revision (its ETag, for example \"3\"); 412 otherwise."));
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
