using Microsoft.AspNetCore.Mvc;
using WeeEvents.OperationsConsole.Backends;
using WeeEvents.OperationsConsole.Failed;

namespace WeeEvents.OperationsConsole.ReadModels;

/// <summary>
/// The read-models page's action, a form post (antiforgery checked, operators only): rebuild one projection of one
/// service through its <c>POST /operator/projections/{name}/rebuild</c>, audited in the <see cref="OperatorJournal"/>.
/// The page then shows its checkpoint climbing back to the head.
/// </summary>
public static class RebuildActions
{
    /// <summary>The read-models page.</summary>
    public const string Page = "/read-models";

    /// <summary>Maps <c>POST /read-models/rebuild</c>.</summary>
    public static IEndpointRouteBuilder MapRebuildActions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/read-models/rebuild", async ([FromForm] string? service, [FromForm] string? projection, HttpContext http, ServiceApi services, OperatorJournal journal) =>
        {
            if (string.IsNullOrWhiteSpace(service) || string.IsNullOrWhiteSpace(projection))
            {
                return Results.Redirect($"{Page}?problem={Uri.EscapeDataString("name a service and a projection")}");
            }

            var problem = await services.RebuildAsync(service, projection, http.RequestAborted);
            if (problem is not null)
            {
                return Results.Redirect($"{Page}?problem={Uri.EscapeDataString($"{service} did not rebuild {projection}: {problem}")}");
            }

            journal.RecordRebuild(http.User.Identity?.Name ?? "?", service, projection);
            return Results.Redirect($"{Page}?rebuilding={Uri.EscapeDataString($"{service}: {projection}")}");
        });
        return endpoints;
    }
}
