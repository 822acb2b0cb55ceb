using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// Declares the bearer scheme in the OpenAPI document and, on each operation, that it needs a token and which roles:
/// read from the endpoint's own authorization metadata, so the document says what the server enforces.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JSON Web Token for this API's audience; its `sub` is recorded as the actor of every event it causes, its `role` claims grant operations.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        var roles = metadata.OfType<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
            .SelectMany(r => r.AllowedRoles)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. roles] });
        var needs = roles.Length == 0
            ? "Needs a bearer token."
            : $"Needs a bearer token with the role {string.Join(" or ", roles.Select(r => $"`{r}`"))}.";
        operation.Description = operation.Description is { Length: > 0 } text ? $"{text}\n\n{needs}" : needs;
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No bearer token, or one the service cannot trust (problem details)." });
        if (roles.Length > 0)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token does not grant this operation (problem details)." });
        }

        return Task.CompletedTask;
    }
}
