using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>Names the document and gives each service's tag its description.</summary>
internal sealed class ServiceDocumentTransformer(ServiceCatalog catalog, IOptions<WeeEventsHttpOptions> options, IHostEnvironment environment)
    : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = catalog.Services;
        document.Info ??= new OpenApiInfo();
        document.Info.Title = options.Value.ApiTitle is { Length: > 0 } title ? title : environment.ApplicationName;
        if (services.Count == 1)
        {
            var only = services.First();
            document.Info.Version = only.Version;
            document.Info.Description ??= only.Description;
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var service in services)
        {
            if (!document.Tags.Any(t => t.Name == service.Aggregate))
            {
                document.Tags.Add(new OpenApiTag { Name = service.Aggregate, Description = service.Description });
            }
        }

        return Task.CompletedTask;
    }
}
