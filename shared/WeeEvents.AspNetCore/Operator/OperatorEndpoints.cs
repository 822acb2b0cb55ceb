using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Operator;

namespace WeeEvents.AspNetCore.Operator;

/// <summary>
/// The routes an operations console reads a service through, under <c>/operator</c>, for the role
/// <see cref="WeeEventsRoles.Operator"/> only: a conversation's part in this service, its read models' lag and the entity
/// types it serves. They are in the OpenAPI document like every route.
/// </summary>
public static class OperatorEndpoints
{
    /// <summary>The most ids (and, apart, message ids) one conversation request may name.</summary>
    public const int MaxIds = 20;

    private const int MaxMessageIds = 500;
    private const int MaxIdLength = 200;
    private const string Tag = "operator";

    /// <summary>The routes <see cref="MapWeeEventsOperator"/> maps on every service, and who may call them.</summary>
    public static IReadOnlyList<RouteAccess> Access { get; } =
        [RouteAccess.Operator("GET /operator/conversation"), RouteAccess.Operator("GET /operator/projections"), RouteAccess.Operator("GET /operator/entities")];

    /// <summary>
    /// Maps <c>GET /operator/conversation</c>, <c>GET /operator/projections</c> and <c>GET /operator/entities</c>.
    /// Without authentication (no caller can be named an operator) nothing is mapped: the routes do not exist.
    /// Needs <see cref="IOperatorRecords"/> (the storage's <c>AddWeeEventsOperatorRecords</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapWeeEventsOperator(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.MapWeeEventsOperatorGroup() is not { } group)
        {
            return endpoints;
        }

        group.MapGet("/conversation", ConversationAsync)
            .WithName("operator.conversation")
            .WithSummary("Follow a conversation through this service")
            .WithDescription("The events whose stream key or correlation id is one of `id` (an order id, a correlation id), " +
                "what the outbox sent for them and which messages the inbox handled: those named by `message` and those that caused the events. " +
                "No event data is returned. Operators only.")
            .Produces<ConversationPart>()
            .ProducesValidationProblem();
        group.MapGet("/projections", (IOperatorRecords records, CancellationToken ct) => records.ProjectionsAsync(ct))
            .WithName("operator.projections")
            .WithSummary("How far each read model is behind")
            .WithDescription("Each projection's checkpoint against the last event committed, in events and seconds. Operators only.")
            .Produces<IReadOnlyList<ProjectionProgress>>();
        group.MapGet("/entities", (ServiceCatalog catalog) => catalog.Services.Select(s => s.Aggregate).ToArray())
            .WithName("operator.entities")
            .WithSummary("The entity types this service serves")
            .WithDescription("Their streams are read at `GET /{type}/{key}/events` and `GET /{type}/{key}?revision=`. Operators only.")
            .Produces<string[]>();
        return endpoints;
    }

    /// <summary>
    /// The <c>/operator</c> group a service maps its own operator routes on (the Order service's order search, say): for
    /// the role <see cref="WeeEventsRoles.Operator"/> only, under the OpenAPI tag <c>operator</c>. Null without
    /// authentication, where no caller can be named an operator: such routes are then not mapped at all.
    /// </summary>
    public static RouteGroupBuilder? MapWeeEventsOperatorGroup(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.ServiceProvider.GetService<IAuthenticationSchemeProvider>() is null
            ? null
            : endpoints.MapGroup("/operator").WithTags(Tag).RequireAuthorization(p => p.RequireRole(WeeEventsRoles.Operator));
    }

    private static async Task<IResult> ConversationAsync(
        IOperatorRecords records, [FromQuery(Name = "id")] string[]? id, [FromQuery(Name = "message")] Guid[]? message, CancellationToken cancellationToken)
    {
        var ids = (id ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToArray();
        var errors = new Dictionary<string, string[]>();
        if (ids.Length is 0 or > MaxIds || ids.Any(i => i.Length > MaxIdLength))
        {
            errors["id"] = [$"Name 1 to {MaxIds} ids (order ids or correlation ids) of at most {MaxIdLength} characters."];
        }

        if (message is { Length: > MaxMessageIds })
        {
            errors["message"] = [$"Name at most {MaxMessageIds} message ids."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await records.ConversationAsync(ids, message ?? [], cancellationToken));
    }
}
