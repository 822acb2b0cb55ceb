using Microsoft.AspNetCore.Authentication;
using WeeEvents.AspNetCore.Http;
using WeeEvents.AspNetCore.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AspNetCore;

/// <summary>Maps the HTTP API of a service description, as wee-events' server does.</summary>
public static class WeeEventsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, for entity type <c>T</c> = <see cref="ServiceInfo.Aggregate"/>:
    /// <c>GET /T/{key}</c> (<c>?revision=N</c> for the entity as it was), <c>GET /T/{key}/events</c>
    /// (<c>?after=&amp;limit=</c>), and <c>POST /T/{key}/{command}</c> for every command of the dispatcher.
    /// Needs <c>services.AddWeeEventsService(description)</c> and <c>services.AddWeeEventsHttp()</c>.
    /// </summary>
    /// <returns>The route group, for adding authorization, rate limits or filters.</returns>
    public static RouteGroupBuilder MapService<TState>(this IEndpointRouteBuilder endpoints, ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(description);
        var type = description.Info.Aggregate;
        if (endpoints.ServiceProvider.GetService<IService<TState>>() is null)
        {
            throw new InvalidOperationException($"No IService<{typeof(TState).Name}> is registered for '{type}': call services.AddWeeEventsService(description) first.");
        }

        var catalog = endpoints.ServiceProvider.GetService<ServiceCatalog>()
            ?? throw new InvalidOperationException("The WeeEvents HTTP services are not registered: call services.AddWeeEventsHttp() first.");
        catalog.Add(description);

        var access = description.Dispatcher.Access
            ?? throw new InvalidOperationException($"The '{type}' description declares no access: say who may read and act on its entities with DispatcherDescription.For<{typeof(TState).Name}>().Access(...).");
        // Without authentication (AddWeeEventsAuth) every caller is anonymous: only what is open to any caller may be served.
        var secured = endpoints.ServiceProvider.GetService<IAuthenticationSchemeProvider>() is not null;
        if (!secured && (access.Readers != ReaderScope.AnyCaller || description.Dispatcher.PublicCommands.Any(c => c.Access.OwnerOnly || c.Access.Roles.Count > 0)))
        {
            throw new InvalidOperationException($"The '{type}' entities are not open to any caller, but no authentication is set up to name the caller: call services.AddWeeEventsAuth().");
        }

        var group = endpoints.MapGroup("/" + type).WithTags(type);
        MapReads(group, description, access, secured);
        // Internal commands (run by the service's own consumers) are not routed: to a client they do not exist.
        foreach (var command in description.Dispatcher.PublicCommands)
        {
            var route = MapCommand(group, description, command);
            if (secured && command.Access.Roles.Count > 0)
            {
                route.RequireAuthorization(p => p.RequireRole(command.Access.Roles));
            }

            if (command.Access.OwnerOnly)
            {
                route.ProducesProblem(StatusCodes.Status403Forbidden);
            }
        }

        // What the command routes did not match: an unknown or internal command (404 naming it), or a known one
        // whose body is not JSON (routing matches content types, so those requests land here too).
        group.MapPost("/{key}/{command}", IResult (HttpRequest request, string key, string command) =>
                description.Dispatcher.TryFind(command, out var found) && found.Exposure == CommandExposure.Public
                    ? throw HttpRequestProblem.UnsupportedMediaType(request.ContentType)
                    : throw new HandlerNotFound(RouteKey.IdOf(description, key), command))
            .ExcludeFromDescription();
        return group;
    }

    private static void MapReads<TState>(RouteGroupBuilder group, ServiceDescription<TState> description, EntityAccess access, bool secured)
    {
        var type = description.Info.Aggregate;
        var noun = EnglishNames.Noun(type);
        var about = description.Info.Description is { Length: > 0 } text ? $"\n\n{EnglishNames.Sentence(noun)}: {text}" : "";
        var reads = new EntityEndpoints<TState>(description);
        group.MapGet("/{key}", (HttpContext http, string key, string? revision, CancellationToken ct) => reads.GetAsync(http, key, revision, ct))
            .WithName($"{type}.get")
            .WithSummary($"Get {EnglishNames.WithArticle(noun)}")
            .WithDescription($"The {noun} at its latest revision, or as it was at `revision` (replayed from its events). " +
                (description.Dispatcher.PublicCommands.Count == 0
                    ? $"The ETag is the revision.{about}"
                    : $"The ETag is the revision: send it back as `If-Match` to change the {noun} only if nobody else has.{about}") +
                "\n\n" + access.DescribeReaders(noun))
            .WithMetadata(new WeeEventsEndpointMetadata(type, null))
            .Produces<EntityDocument<TState>>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        var events = group.MapGet("/{key}/events", (HttpContext http, string key, string? after, string? limit, CancellationToken ct) => reads.EventsAsync(http, key, after, limit, ct))
            .WithName($"{type}.events")
            .WithSummary($"List {EnglishNames.Possessive(noun)} events")
            .WithDescription($"The events recorded for the {noun} with their metadata, in revision order: at most `limit`, after revision `after`. " +
                "`nextAfter` is the `after` of the next page, or null at the end.")
            .WithMetadata(new WeeEventsEndpointMetadata(type, null))
            .Produces<EventPage>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        if (secured)
        {
            // The raw history (metadata, actors, every payload) is an operator's view, not a client's.
            events.RequireAuthorization(p => p.RequireRole(WeeEventsRoles.Operator));
        }
    }

    private static RouteHandlerBuilder MapCommand<TState>(RouteGroupBuilder group, ServiceDescription<TState> description, CommandRegistration<TState> command)
    {
        var type = description.Info.Aggregate;
        var noun = EnglishNames.Noun(type);
        var docs = CommandDocs.Of(command, type);
        var endpoint = new CommandEndpoint<TState>(description, command);
        return group.MapPost("/{key}/" + command.Name, (HttpContext http, string key, CancellationToken ct) => endpoint.HandleAsync(http, key, ct))
            .Accepts(command.CommandType, "application/json")
            .WithName($"{type}.{command.Name}")
            .WithSummary(docs.Summary)
            .WithDescription((docs.Details is { } details ? details + "\n\n" : "") +
                $"Validates the `{command.Name}` command, runs it against the {noun} and answers with the {noun} after it. " +
                "400 lists invalid fields; 409 is a business rule (its `type` names the rule) or a lost race; 412 a failed `If-Match`." +
                (command.Access.OwnerOnly && description.Dispatcher.Access is { } access
                    ? $"\n\nA caller without the role {Roles(access.StaffRoles)} may send it only for {noun + "s"} they own, and only for themselves; 403 otherwise."
                    : ""))
            .WithMetadata(new WeeEventsEndpointMetadata(type, command.Name, docs.ExampleJson, description.Dispatcher.IsAudited(command.Name)))
            .Produces<EntityDocument<TState>>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    private static string Roles(IEnumerable<string> roles) => string.Join(" or ", roles.Select(r => $"`{r}`"));
}
