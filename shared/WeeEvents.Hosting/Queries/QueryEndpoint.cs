using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WeeEvents.AspNetCore;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;

namespace WeeEvents.Hosting.Queries;

/// <summary>A page of a query's rows; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <param name="Items">The rows, in the order of their key.</param>
/// <param name="Next">The cursor of the next page.</param>
public sealed record QueryPage<TRow>(IReadOnlyList<TRow> Items, string? Next);

/// <summary>
/// Serves a <see cref="QueryDescription{TRow}"/> as <c>GET /{type}</c>: reads its filters, <c>limit</c> (1 to the
/// HTTP options' page size) and <c>after</c> (the opaque cursor a page returned), applies what the caller may see,
/// and answers a page in the order of the rows' key. What it answers is what is projected: a write is there once the
/// projection's subscription has applied it (normally well under a second).
/// </summary>
internal static class QueryEndpoint
{
    public static RouteHandlerBuilder Map<TRow>(IEndpointRouteBuilder endpoints, QueryDescription<TRow> query)
        where TRow : class
    {
        var noun = query.Type.Replace('-', ' ');
        return endpoints.MapGet("/" + query.Type, (HttpContext http, CancellationToken ct) => ListAsync(http, query, ct))
            .WithTags(query.Type)
            .WithName($"{query.Type}.list")
            .WithSummary($"List {noun}s")
            .WithDescription(query.Summary + "\n\n" + query.Access.DescribeReaders(noun))
            .Produces<QueryPage<TRow>>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                var maxPage = context.ApplicationServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value.MaxEventPageSize;
                operation.Parameters ??= [];
                foreach (var filter in query.Filters)
                {
                    var schema = new OpenApiSchema { Type = filter.SchemaType, Format = filter.Format };
                    if (filter.Allowed is { } allowed)
                    {
                        schema.Enum = [.. allowed.Select(a => (JsonNode)JsonValue.Create(a))];
                    }

                    operation.Parameters.Add(new OpenApiParameter { Name = filter.Name, In = ParameterLocation.Query, Description = filter.Description, Schema = schema });
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "limit",
                    In = ParameterLocation.Query,
                    Description = "The most rows to list in one page.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1", Maximum = maxPage.ToString(CultureInfo.InvariantCulture) },
                });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = ConsistentWith,
                    In = ParameterLocation.Header,
                    Description = "A write of yours the list must show, as {type}.{key}@{revision} (the entity and revision a command answered): the list waits up to 2 s for it, then answers 503 `read-model-behind`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "after",
                    In = ParameterLocation.Query,
                    Description = "The `next` of the previous page: list the rows after it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                return Task.CompletedTask;
            });
    }

    private static async Task<IResult> ListAsync<TRow>(HttpContext http, QueryDescription<TRow> query, CancellationToken cancellationToken)
        where TRow : class
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var parameters = http.Request.Query;
        foreach (var name in parameters.Keys)
        {
            if (name is not ("limit" or "after") && !query.Filters.Any(f => f.Name == name))
            {
                throw HttpRequestProblem.InvalidField(name, $"Not a parameter of this list; it takes {string.Join(", ", query.Filters.Select(f => f.Name).Append("limit").Append("after"))}.");
            }
        }

        var caller = AspNetCore.Security.HttpCaller.Of(http);
        if (http.Request.Headers.TryGetValue(ConsistentWith, out var write))
        {
            await AwaitWriteAsync(http, query, caller, write.ToString(), cancellationToken);
        }

        var limit = parameters.TryGetValue("limit", out var l) ? (int)Parse("limit", l.ToString(), 1, options.MaxEventPageSize) : options.DefaultEventPageSize;
        var after = parameters.TryGetValue("after", out var a) ? Cursor.Read(a.ToString()) : null;

        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<WeeEventsDbContext>>().CreateDbContextAsync(cancellationToken);
        var rows = db.Set<TRow>().AsNoTracking();
        foreach (var filter in query.Filters)
        {
            if (parameters.TryGetValue(filter.Name, out var value))
            {
                rows = filter.Apply(rows, value.ToString());
            }
        }

        rows = query.Visible(rows, caller);
        if (after is not null)
        {
            rows = rows.Where(After(query.Key, after));
        }

        var page = await rows.OrderBy(query.Key).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? Cursor.Write(query.KeyOf(page[limit - 1])) : null;
        return Results.Json(new QueryPage<TRow>(page.Take(limit).ToArray(), next), WeeEventsJson.Options);
    }

    /// <summary>The header by which a caller asks a list to reflect its own write: <c>{type}.{key}@{revision}</c>.</summary>
    public const string ConsistentWith = "X-Consistent-With";

    /// <summary>How long a list waits for its projection to apply the write named by <see cref="ConsistentWith"/>.</summary>
    private static readonly TimeSpan ConsistencyWait = TimeSpan.FromSeconds(2);

    private static async Task AwaitWriteAsync<TRow>(HttpContext http, QueryDescription<TRow> query, Caller caller, string write, CancellationToken cancellationToken)
        where TRow : class
    {
        var at = write.LastIndexOf('@');
        AggregateId aggregate;
        long revision;
        try
        {
            aggregate = AggregateId.Parse(at > 0 ? write[..at] : write);
            revision = at > 0 ? Parse(ConsistentWith, write[(at + 1)..], 1, long.MaxValue) : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // An empty or malformed header is the client's mistake, whichever check found it.
            throw HttpRequestProblem.InvalidField(ConsistentWith, "Must name a write as {type}.{key}@{revision}, as a command's response gives them (order.o-1@1).");
        }

        // Another's entity, or one of another type, answers exactly as one that does not exist: the header must not tell
        // anyone how far someone else's order has gone, or whether it exists.
        var noSuchWrite = HttpRequestProblem.InvalidField(ConsistentWith, $"{aggregate} has no revision {revision}.");
        if (!await query.MayReadAsync(http.RequestServices, caller, aggregate, cancellationToken))
        {
            throw noSuchWrite;
        }

        var outcome = await http.RequestServices.GetRequiredService<ProjectionConsistency>()
            .WaitForAsync(query.Projection.Name, aggregate, new Revision(revision), ConsistencyWait, cancellationToken);
        if (outcome == ProjectionConsistency.Outcome.NoSuchEvent)
        {
            throw noSuchWrite;
        }

        if (outcome == ProjectionConsistency.Outcome.Behind)
        {
            http.Response.Headers.RetryAfter = "1";
            throw HttpRequestProblem.ReadModelBehind(write, ConsistencyWait);
        }
    }

    // key > after, as string.Compare(key, after) > 0, which the providers translate to a comparison in the column's collation.
    private static Expression<Func<TRow, bool>> After<TRow>(Expression<Func<TRow, string>> key, string after)
    {
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, key.Body, Expression.Constant(after));
        return Expression.Lambda<Func<TRow, bool>>(Expression.GreaterThan(compare, Expression.Constant(0)), key.Parameters);
    }

    private static long Parse(string name, string raw, long minimum, long maximum) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= maximum
            ? n
            : throw HttpRequestProblem.InvalidField(name, $"Must be a whole number from {minimum} to {maximum}.");

    /// <summary>The opaque cursor: the last key of a page in base64url, so no client builds one by hand.</summary>
    private static class Cursor
    {
        public static string Write(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

        public static string Read(string cursor)
        {
            try
            {
                var key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
                // The cursor is decoded text that reaches a comparison in the database: the rule of every text holds.
                return key.Length is > 0 and <= 1_000 && TextRule.IsValid(key) ? key : throw new FormatException();
            }
            catch (FormatException)
            {
                throw HttpRequestProblem.InvalidField("after", "Must be the `next` of a page this list returned.");
            }
        }
    }
}
