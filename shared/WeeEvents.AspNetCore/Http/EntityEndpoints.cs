namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// <c>GET /{type}/{key}</c> (optionally at a revision) and <c>GET /{type}/{key}/events</c>. The key and every query
/// value are checked before the store is asked: a client mistake is a 400 naming the parameter.
/// </summary>
internal sealed class EntityEndpoints<TState>(ServiceDescription<TState> description)
{
    // Stored events are text: each is masked by its event type's classification, from the same declarations
    // (SensitiveAttribute) that mask the state.
    private readonly Dictionary<string, Protection.PersonalDataClassification> _classified = description.Loader.Events
        .ToDictionary(e => e.Type, e => Protection.PersonalDataClassification.Of(e.DataType), StringComparer.Ordinal);

    public async Task<IResult> GetAsync(HttpContext http, string key, string? revision, CancellationToken cancellationToken)
    {
        EchoCorrelationIdIfGiven(http);
        var aggregate = RouteKey.IdOf(description, key);
        Revision? at = revision is null ? null : new Revision(QueryNumber.Parse("revision", revision, 1, long.MaxValue));
        var service = http.RequestServices.GetRequiredService<IService<TState>>();
        var entity = at is { } r
            ? await service.LoadAsync(aggregate, r, cancellationToken)
            : await service.LoadAsync(aggregate, cancellationToken);
        // MapService serves only descriptions that declare their access.
        if (!description.Dispatcher.Access!.MayRead(Security.HttpCaller.Of(http), entity.State))
        {
            // Someone else's entity reads as one that does not exist: a 403 would confirm that it does.
            Security.HttpCaller.Denied(http, aggregate.Type, "read");
            throw new EntityNotAvailable(aggregate);
        }

        return EntityResponses.Json(http.Response, StatusCodes.Status200OK, EntityResponses.Serialize(entity), entity.Revision.Value);
    }

    public async Task<IResult> EventsAsync(HttpContext http, string key, string? after, string? limit, CancellationToken cancellationToken)
    {
        EchoCorrelationIdIfGiven(http);
        var aggregate = RouteKey.IdOf(description, key);
        var options = http.RequestServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var from = after is null ? 0 : QueryNumber.Parse("after", after, 0, long.MaxValue);
        var size = limit is null ? options.DefaultEventPageSize : QueryNumber.Parse("limit", limit, 1, options.MaxEventPageSize);

        var store = http.RequestServices.GetRequiredService<IEventStore>();
        // One more than the page: whether it comes back says if there is a next page. Near the largest revision the
        // bound saturates rather than overflows: there is nothing past it anyway.
        var events = await store.LoadAsync(
            aggregate,
            new LoadOptions { AfterRevision = new Revision(from), UpToRevision = new Revision(QueryNumber.SaturatingAdd(from, size + 1)) },
            cancellationToken);
        if (events.Count == 0 && from == 0)
        {
            throw new EntityNotAvailable(aggregate);
        }

        var page = events.Take((int)size).Select(EventDocument.From).Select(e => e with { Data = SensitiveData.MaskIn(e.Data, _classified.GetValueOrDefault(e.Type) ?? Protection.PersonalDataClassification.None) }).ToArray();
        var next = events.Count > size ? page[^1].Revision : (long?)null;
        return Results.Json(new EventPage(AggregateDocument.From(aggregate), page, next), SensitiveData.ResponseOptions);
    }

    private static void EchoCorrelationIdIfGiven(HttpContext http)
    {
        var given = http.Request.Headers[HttpHeaderNames.CorrelationId].ToString();
        if (given.Length > 0)
        {
            CommandEndpoint<TState>.EchoCorrelationId(http, RequestHeaders.CorrelationId(http.Request));
        }
    }
}
