using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Names the document, writes its introduction (what the service is, then how every route of a WeeEvents API
/// behaves) and gives each entity type's tag its description, saying so when clients may only read it.
/// </summary>
internal sealed class ServiceDocumentTransformer(ServiceCatalog catalog, IOptions<WeeEventsHttpOptions> options, IHostEnvironment environment)
    : IOpenApiDocumentTransformer
{
    /// <summary>Said of an entity type with no public command (a payment, a stock reservation).</summary>
    internal const string ReadOnlyNote =
        "Read-only over HTTP: the service changes it itself, from the messages it consumes; no client command does.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = catalog.Services;
        document.Info ??= new OpenApiInfo();
        document.Info.Title = options.Value.ApiTitle is { Length: > 0 } title ? title : environment.ApplicationName;
        if (services.Count == 1)
        {
            document.Info.Version = services.First().Version;
        }

        document.Info.Description ??= Introduction(services);
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var service in services)
        {
            // The generator has added a bare tag for each route group already; give it the words.
            if (document.Tags.FirstOrDefault(t => t.Name == service.Aggregate) is { } tag)
            {
                tag.Description ??= TagDescription(service);
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = service.Aggregate, Description = TagDescription(service) });
            }
        }

        return Task.CompletedTask;
    }

    private string? TagDescription(ServiceInfo service) =>
        catalog.IsReadOnly(service.Aggregate)
            ? string.Join(" ", new[] { service.Description, ReadOnlyNote }.Where(t => !string.IsNullOrWhiteSpace(t)))
            : service.Description;

    private string Introduction(IReadOnlyCollection<ServiceInfo> services)
    {
        var text = new StringBuilder();
        foreach (var service in services)
        {
            var noun = EnglishNames.Sentence(EnglishNames.Noun(service.Aggregate));
            var what = service.Description is { Length: > 0 } description ? description : $"{EnglishNames.WithArticle(EnglishNames.Noun(service.Aggregate))}.";
            text.Append(services.Count == 1 ? $"**{noun}** (`/{service.Aggregate}`): {what}" : $"- **{noun}** (`/{service.Aggregate}`): {what}");
            if (catalog.IsReadOnly(service.Aggregate))
            {
                text.Append(' ').Append(ReadOnlyNote);
            }

            text.Append('\n');
        }

        text.Append('\n').Append(
            "Every entity is event-sourced: `GET /{type}/{key}` answers with its current state (or, with `?revision=N`, " +
            "its state back then), `GET /{type}/{key}/events` lists what happened to it, and `POST /{type}/{key}/{command}` " +
            "runs a command with a JSON body and answers with the entity after it.\n\n" +
            $"- **Keys**: {AggregateKeyRule.Description}\n" +
            "- **Concurrency**: the `ETag` of an entity is its revision; send it back as `If-Match` to run a command only " +
            "if nothing changed the entity meanwhile (412 otherwise).\n" +
            "- **Retries**: send an `Idempotency-Key` with a command to make it safe to repeat.\n" +
            "- **Tracing**: `X-Correlation-Id` ties requests together; it is made up when absent and echoed back.\n" +
            $"- **Errors** are problem details (`application/problem+json`) whose `type` starts with `{options.Value.ProblemTypeBase}`: " +
            "400 names each invalid field or parameter, 404 an unknown entity or command, 409 a broken business rule " +
            "(its `type` names the rule) or a lost race.");
        return text.ToString();
    }
}
