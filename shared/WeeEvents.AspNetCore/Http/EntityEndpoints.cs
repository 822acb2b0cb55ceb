using System.Globalization;
using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary><c>GET /{type}/{key}</c> (optionally at a revision) and <c>GET /{type}/{key}/events</c>.</summary>
internal sealed class EntityEndpoints<TState>(ServiceDescription<TState> description)
{
    public async Task<IResult> GetAsync(HttpContext http, string key, string? revision, CancellationToken cancellationToken)
    {
        EchoCorrelationIdIfGiven(http);
        var service = http.RequestServices.GetRequiredService<IService<TState>>();
        var aggregate = description.Id(key);
        var entity = revision is null
            ? await service.LoadAsync(aggregate, cancellationToken)
            : await service.LoadAsync(aggregate, new Revision(ParseNumber("revision", revision, minimum: 1)), cancellationToken);
        return EntityResponses.Json(http.Response, StatusCodes.Status200OK, EntityResponses.Serialize(entity), entity.Revision.Value);
    }

    public async Task<IResult> EventsAsync(HttpContext http, string key, string? after, string? limit, CancellationToken cancellationToken)
    {
        EchoCorrelationIdIfGiven(http);
        var options = http.RequestServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var from = after is null ? 0 : ParseNumber("after", after, minimum: 0);
        var size = limit is null ? options.DefaultEventPageSize : ParseNumber("limit", limit, minimum: 1);
        if (size > options.MaxEventPageSize)
        {
            throw HttpRequestProblem.InvalidField("limit", $"Must be at most {options.MaxEventPageSize}.");
        }

        var aggregate = description.Id(key);
        var store = http.RequestServices.GetRequiredService<IEventStore>();
        // One more than the page: whether it comes back says if there is a next page.
        var events = await store.LoadAsync(
            aggregate,
            new LoadOptions { AfterRevision = new Revision(from), UpToRevision = new Revision(checked(from + size + 1)) },
            cancellationToken);
        if (events.Count == 0 && from == 0)
        {
            throw new EntityNotAvailable(aggregate);
        }

        var page = events.Take((int)size).Select(EventDocument.From).ToArray();
        var next = events.Count > size ? page[^1].Revision : (long?)null;
        return Results.Json(new EventPage(AggregateDocument.From(aggregate), page, next), WeeEventsJson.Options);
    }

    private static long ParseNumber(string field, string value, long minimum) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw HttpRequestProblem.InvalidField(field, $"Must be a whole number of at least {minimum}.");

    private static void EchoCorrelationIdIfGiven(HttpContext http)
    {
        var given = http.Request.Headers[HttpHeaderNames.CorrelationId].ToString();
        if (given.Length > 0)
        {
            CommandEndpoint<TState>.EchoCorrelationId(http, RequestHeaders.CorrelationId(http.Request));
        }
    }
}
