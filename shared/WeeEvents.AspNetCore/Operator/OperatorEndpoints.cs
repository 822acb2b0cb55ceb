using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Operator;

namespace WeeEvents.AspNetCore.Operator;

/// <summary>
/// The routes an operations console reads a service through, under <c>/operator</c>, for the role
/// <see cref="WeeEventsRoles.Operator"/> only: a conversation's part in this service and the deadlines it keeps for it,
/// its read models' lag (and a rebuild of one), its message handling and outbox backlog, the entity types it serves and
/// the contract each of its routes consumes. They are in the OpenAPI document like every route.
/// </summary>
public static partial class OperatorEndpoints
{
    /// <summary>The most ids (and, apart, message ids) one conversation request may name.</summary>
    public const int MaxIds = 20;

    private const int MaxMessageIds = 500;
    private const int MaxIdLength = 200;
    private const string Tag = "operator";

    /// <summary>The routes <see cref="MapWeeEventsOperator"/> maps on every service, and who may call them.</summary>
    public static IReadOnlyList<RouteAccess> Access { get; } =
        [
            RouteAccess.Operator("GET /operator/conversation"), RouteAccess.Operator("GET /operator/projections"),
            RouteAccess.Operator("GET /operator/deadlines"), RouteAccess.Operator("POST /operator/projections/{name}/rebuild"),
            RouteAccess.Operator("GET /operator/metrics"), RouteAccess.Operator("GET /operator/entities"),
            RouteAccess.Operator("GET /operator/routes"),
        ];

    /// <summary>
    /// Maps <c>GET /operator/conversation</c>, <c>GET /operator/deadlines</c>, <c>GET /operator/projections</c>,
    /// <c>POST /operator/projections/{name}/rebuild</c>, <c>GET /operator/metrics</c>, <c>GET /operator/entities</c> and
    /// <c>GET /operator/routes</c>. Without authentication (no caller can be named an operator) nothing is mapped: the
    /// routes do not exist. Needs <see cref="IOperatorRecords"/> (the storage's <c>AddWeeEventsOperatorRecords</c>);
    /// <c>/operator/routes</c> reads <see cref="RouteContracts"/> (the messaging's), and answers none without it.
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
        group.MapGet("/deadlines", DeadlinesAsync)
            .WithName("operator.deadlines")
            .WithSummary("The deadlines this service keeps for a conversation")
            .WithDescription("For the entities keyed by one of `id` (an order id): what happens when, while it has not happened (an open order's deadline). Operators only.")
            .Produces<UpcomingDeadline[]>()
            .ProducesValidationProblem();
        group.MapPost("/projections/{name}/rebuild", RebuildAsync)
            .WithName("operator.projections.rebuild")
            .WithSummary("Rebuild a read model from the events")
            .WithDescription("Empties the projection's rows and replays every event into them; nothing is published and no command runs again. " +
                "Answers at once; `GET /operator/projections` shows the checkpoint climbing back to the head. Logged with the operator's name. Operators only.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/metrics", MetricsAsync)
            .WithName("operator.metrics")
            .WithSummary("Message handling and outbox backlog")
            .WithDescription("Per message route over the last minute: messages handled per second, handling time p50 and p99, duplicates skipped, failed attempts " +
                "(and totals since the process started); the outbox rows not yet published and the oldest one's age. Read from memory and one indexed query. Operators only.")
            .Produces<ServiceMetrics>();
        group.MapGet("/entities", (ServiceCatalog catalog) => catalog.Services.Select(s => s.Aggregate).ToArray())
            .WithName("operator.entities")
            .WithSummary("The entity types this service serves")
            .WithDescription("Their streams are read at `GET /{type}/{key}/events` and `GET /{type}/{key}?revision=`. Operators only.")
            .Produces<string[]>();
        group.MapGet("/routes", ([FromServices] RouteContracts? routes) => (routes ?? RouteContracts.Empty).Routes)
            .WithName("operator.routes")
            .WithSummary("The contract each of this service's routes consumes")
            .WithDescription("Each inbound route (its name keys the inbox and names its queue) and the message type it consumes, as outboxes store it " +
                "(`urn:message:…`): a message sent of that type is expected to be handled by every such route. A contract no route consumes has no consumer. Operators only.")
            .Produces<IReadOnlyList<RouteContract>>();
        return endpoints;
    }

    private static async Task<IResult> DeadlinesAsync(IEnumerable<IOperatorDeadlines> sources, [FromQuery(Name = "id")] string[]? id, CancellationToken cancellationToken)
    {
        var ids = (id ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length is 0 or > MaxIds || ids.Any(i => i.Length > MaxIdLength))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"Name 1 to {MaxIds} ids of at most {MaxIdLength} characters."] });
        }

        var deadlines = new List<UpcomingDeadline>();
        foreach (var source in sources)
        {
            deadlines.AddRange(await source.DeadlinesAsync(ids, cancellationToken));
        }

        return TypedResults.Ok(deadlines.OrderBy(d => d.DueAt).ToArray());
    }

    private static async Task<IResult> RebuildAsync(string name, IProjectionRebuilds rebuilds, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await rebuilds.RebuildAsync(name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such projection", detail: $"This service has no projection named {name}.");
        }

        // The lasting audit trail: who started the rebuild, in the service's own log.
        LogRebuild(loggers.CreateLogger(typeof(OperatorEndpoints).FullName!), http.User.Identity?.Name ?? "?", name);
        return TypedResults.Accepted("/operator/projections");
    }

    private static async Task<ServiceMetrics> MetricsAsync(IOperatorRecords records, TimeProvider time, [FromServices] HandlingStatistics? handling, CancellationToken cancellationToken) =>
        new(time.GetUtcNow(), HandlingStatistics.Window.TotalSeconds, handling?.Read() ?? [], await records.OutboxBacklogAsync(cancellationToken));

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Operator {Operator} rebuilt projection {Projection}: its rows were emptied and every event is replayed")]
    private static partial void LogRebuild(ILogger logger, string @operator, string projection);

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
