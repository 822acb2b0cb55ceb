using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.EntityFrameworkCore.Projections;

namespace WeeEvents.Hosting.Queries;

/// <summary>
/// A query over a projection's rows, described once and served as <c>GET /{type}?filter=…</c>: its filters (each a
/// typed, range-checked query parameter, named in a 400 when malformed), who may see which rows, and a cursor over the
/// rows' key for paging. Build one with <see cref="Query.Over{TRow}"/>; serve it with
/// <see cref="ServiceModule.Queries{TRow}"/>.
/// </summary>
/// <typeparam name="TRow">The projection's row type.</typeparam>
public sealed class QueryDescription<TRow>
    where TRow : class
{
    internal QueryDescription(ProjectionDescription projection, string type, string summary, Expression<Func<TRow, string>> key, ImmutableList<QueryFilter<TRow>> filters, Func<IQueryable<TRow>, ClaimsPrincipal, IQueryable<TRow>> visible)
    {
        Projection = projection;
        Type = type;
        Summary = summary;
        Key = key;
        KeyOf = key.Compile();
        Filters = filters;
        Visible = visible;
    }

    /// <summary>The projection whose rows it lists (and whose progress <c>X-Consistent-With</c> waits for).</summary>
    public ProjectionDescription Projection { get; }

    /// <summary>The entity type whose collection this lists: the route is <c>GET /{Type}</c>.</summary>
    public string Type { get; }

    /// <summary>What the query lists, for OpenAPI.</summary>
    public string Summary { get; }

    internal Expression<Func<TRow, string>> Key { get; }

    /// <summary>The key selector compiled once, for the cursor of each page.</summary>
    internal Func<TRow, string> KeyOf { get; }

    internal ImmutableList<QueryFilter<TRow>> Filters { get; }

    internal Func<IQueryable<TRow>, ClaimsPrincipal, IQueryable<TRow>> Visible { get; }
}

/// <summary>Starts a <see cref="QueryDescription{TRow}"/>.</summary>
public static class Query
{
    /// <summary>
    /// Lists the rows of <typeparamref name="TRow"/> that <paramref name="projection"/> keeps as <c>GET /{type}</c>,
    /// paged in the order of <paramref name="key"/>.
    /// </summary>
    public static QueryBuilder<TRow> Over<TRow>(ProjectionDescription projection, string type, Expression<Func<TRow, string>> key, string summary)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(key);
        if (!projection.RowTypes.Contains(typeof(TRow)))
        {
            throw new ArgumentException($"The projection {projection.Name} does not keep rows of {typeof(TRow).Name}.", nameof(projection));
        }

        return new(new QueryDescription<TRow>(projection, type, summary, key, [], (rows, _) => rows));
    }
}

/// <summary>An immutable builder of a <see cref="QueryDescription{TRow}"/>.</summary>
public sealed class QueryBuilder<TRow>
    where TRow : class
{
    private readonly QueryDescription<TRow> _query;

    internal QueryBuilder(QueryDescription<TRow> query) => _query = query;

    /// <summary>A text parameter of 1 to <paramref name="maxLength"/> characters following <see cref="TextRule"/>, or one of <paramref name="allowed"/>.</summary>
    public QueryBuilder<TRow> Text(string name, string description, Func<IQueryable<TRow>, string, IQueryable<TRow>> apply, int maxLength = 200, IReadOnlyList<string>? allowed = null) =>
        With(new QueryFilter<TRow, string>(name, description, JsonSchemaType.String, null, allowed, raw =>
            raw.Length is > 0 && raw.Length <= maxLength && (allowed is null || allowed.Contains(raw, StringComparer.Ordinal)) && TextRule.IsValid(raw)
                ? raw
                : throw HttpRequestProblem.InvalidField(name, allowed is null ? $"Must be 1 to {maxLength} characters. {TextRule.Description}" : $"Must be one of {string.Join(", ", allowed)}."),
            apply));

    /// <summary>An instant parameter (ISO 8601 with an offset, such as <c>2026-12-06T10:00:00Z</c>).</summary>
    public QueryBuilder<TRow> Instant(string name, string description, Func<IQueryable<TRow>, DateTimeOffset, IQueryable<TRow>> apply) =>
        With(new QueryFilter<TRow, DateTimeOffset>(name, description, JsonSchemaType.String, "date-time", null, raw =>
            DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : throw HttpRequestProblem.InvalidField(name, "Must be an instant in ISO 8601, such as 2026-12-06T10:00:00Z."),
            apply));

    /// <summary>A whole-number parameter from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public QueryBuilder<TRow> Number(string name, string description, long minimum, long maximum, Func<IQueryable<TRow>, long, IQueryable<TRow>> apply) =>
        With(new QueryFilter<TRow, long>(name, description, JsonSchemaType.Integer, "int64", null, raw =>
            long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= maximum
                ? n
                : throw HttpRequestProblem.InvalidField(name, $"Must be a whole number from {minimum} to {maximum}."),
            apply));

    /// <summary>Narrows what a caller sees (a customer, their own orders), whatever the filters ask.</summary>
    public QueryBuilder<TRow> VisibleTo(Func<IQueryable<TRow>, ClaimsPrincipal, IQueryable<TRow>> visible)
    {
        ArgumentNullException.ThrowIfNull(visible);
        return new(new QueryDescription<TRow>(_query.Projection, _query.Type, _query.Summary, _query.Key, _query.Filters, visible));
    }

    /// <summary>The finished description.</summary>
    public QueryDescription<TRow> Description() => _query;

    private QueryBuilder<TRow> With(QueryFilter<TRow> filter)
    {
        if (filter.Name is "limit" or "after" || _query.Filters.Any(f => f.Name == filter.Name))
        {
            throw new ArgumentException($"The query over {_query.Type} already has a parameter named {filter.Name}.", nameof(filter));
        }

        return new(new QueryDescription<TRow>(_query.Projection, _query.Type, _query.Summary, _query.Key, _query.Filters.Add(filter), _query.Visible));
    }
}

/// <summary>One query parameter: how it is documented, read (or refused) and what it does to the rows.</summary>
internal abstract record QueryFilter<TRow>(string Name, string Description, JsonSchemaType SchemaType, string? Format, IReadOnlyList<string>? Allowed)
{
    /// <summary>The rows <paramref name="raw"/> leaves; a 400 naming the parameter when it cannot be read.</summary>
    public abstract IQueryable<TRow> Apply(IQueryable<TRow> rows, string raw);
}

/// <summary>A query parameter read as <typeparamref name="TValue"/>.</summary>
internal sealed record QueryFilter<TRow, TValue>(
    string Name,
    string Description,
    JsonSchemaType SchemaType,
    string? Format,
    IReadOnlyList<string>? Allowed,
    Func<string, TValue> Parse,
    Func<IQueryable<TRow>, TValue, IQueryable<TRow>> Filter) : QueryFilter<TRow>(Name, Description, SchemaType, Format, Allowed)
{
    public override IQueryable<TRow> Apply(IQueryable<TRow> rows, string raw) => Filter(rows, Parse(raw));
}
