using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using WeeEvents.AspNetCore.Problems;
using WeeEvents.EntityFrameworkCore.Projections;

namespace WeeEvents.Hosting.Queries;

/// <summary>
/// A query over a projection's rows, described once and served as <c>GET /{type}?filter=…</c>: its filters (each a
/// typed, range-checked query parameter, named in a 400 when malformed), a cursor over the rows' key for paging, and who
/// sees which rows, which follows from the entity type's access declaration (<see cref="EntityAccess"/>): staff see every
/// row, a customer the rows they own, anyone else none. Build one with <see cref="Query.Over"/>; serve it with
/// <see cref="ServiceModule.Queries{TRow}"/>.
/// </summary>
/// <typeparam name="TRow">The projection's row type.</typeparam>
public sealed class QueryDescription<TRow>
    where TRow : class
{
    internal QueryDescription(QueryParts<TRow> parts)
    {
        Parts = parts;
        KeyOf = parts.Key.Compile();
    }

    /// <summary>The projection whose rows it lists (and whose progress <c>X-Consistent-With</c> waits for).</summary>
    public ProjectionDescription Projection => Parts.Projection;

    /// <summary>The entity type whose collection this lists: the route is <c>GET /{Type}</c>.</summary>
    public string Type => Parts.Type;

    /// <summary>What the query lists, for OpenAPI.</summary>
    public string Summary => Parts.Summary;

    /// <summary>Who reads the entities listed, and so which rows each caller sees.</summary>
    public EntityAccess Access => Parts.Access;

    internal QueryParts<TRow> Parts { get; }

    internal Expression<Func<TRow, string>> Key => Parts.Key;

    /// <summary>The key selector compiled once, for the cursor of each page.</summary>
    internal Func<TRow, string> KeyOf { get; }

    internal ImmutableList<QueryFilter<TRow>> Filters => Parts.Filters;

    /// <summary>The rows of <paramref name="rows"/> that <paramref name="caller"/> may see, whatever the filters asked.</summary>
    internal IQueryable<TRow> Visible(IQueryable<TRow> rows, Caller caller)
    {
        if (Access.SeesEverything(caller))
        {
            return rows;
        }

        if (Access.OwnEntitiesOf(caller) is { } subject && Parts.Owner is { } owner)
        {
            // owner(row) == subject, as an expression the provider translates.
            var mine = Expression.Lambda<Func<TRow, bool>>(Expression.Equal(owner.Body, Expression.Constant(subject, typeof(string))), owner.Parameters);
            return rows.Where(mine);
        }

        return rows.Where(_ => false);
    }

    /// <summary>
    /// True when <paramref name="caller"/> may read <paramref name="aggregate"/>, the write an <c>X-Consistent-With</c>
    /// names: a caller may wait only for writes to entities they may read, so the header tells nobody anything about
    /// anyone else's.
    /// </summary>
    internal Task<bool> MayReadAsync(IServiceProvider services, Caller caller, AggregateId aggregate, CancellationToken cancellationToken) =>
        aggregate.Type == Type ? Parts.MayRead(services, caller, aggregate, cancellationToken) : Task.FromResult(false);
}

/// <summary>What a <see cref="QueryDescription{TRow}"/> is made of; each builder step replaces one part.</summary>
internal sealed record QueryParts<TRow>(
    ProjectionDescription Projection,
    string Type,
    string Summary,
    Expression<Func<TRow, string>> Key,
    EntityAccess Access,
    Func<IServiceProvider, Caller, AggregateId, CancellationToken, Task<bool>> MayRead,
    ImmutableList<QueryFilter<TRow>> Filters,
    Expression<Func<TRow, string?>>? Owner)
    where TRow : class;

/// <summary>Starts a <see cref="QueryDescription{TRow}"/>.</summary>
public static class Query
{
    /// <summary>
    /// Lists the rows of <typeparamref name="TRow"/> that <paramref name="projection"/> keeps as <c>GET /{type}</c>,
    /// paged in the order of <paramref name="key"/>, visible as <paramref name="access"/> (the entity type's own
    /// declaration) says. For entities owned by a customer, name the row's owner with
    /// <see cref="QueryBuilder{TRow}.OwnedBy"/>.
    /// </summary>
    public static QueryBuilder<TRow> Over<TState, TRow>(ProjectionDescription projection, string type, EntityAccess<TState> access, Expression<Func<TRow, string>> key, string summary)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(key);
        if (!projection.RowTypes.Contains(typeof(TRow)))
        {
            throw new ArgumentException($"The projection {projection.Name} does not keep rows of {typeof(TRow).Name}.", nameof(projection));
        }

        return new(new QueryParts<TRow>(projection, type, summary, key, access, async (services, caller, aggregate, ct) =>
        {
            var entity = await services.GetRequiredService<IService<TState>>().LoadOrInitialAsync(aggregate, ct);
            return access.MayRead(caller, entity.State);
        }, [], null));
    }
}

/// <summary>An immutable builder of a <see cref="QueryDescription{TRow}"/>.</summary>
public sealed class QueryBuilder<TRow>
    where TRow : class
{
    private readonly QueryParts<TRow> _query;

    internal QueryBuilder(QueryParts<TRow> query) => _query = query;

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

    /// <summary>
    /// The customer a row belongs to (an order summary's <c>CustomerId</c>): a caller who is not staff sees only their own
    /// rows. Required, and only allowed, when the entity type is owned (<see cref="ReaderScope.Owner"/>).
    /// </summary>
    public QueryBuilder<TRow> OwnedBy(Expression<Func<TRow, string?>> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (_query.Access.Readers != ReaderScope.Owner)
        {
            throw new InvalidOperationException($"The {_query.Type} entities have no owners ({_query.Access.Readers}): their rows have none either.");
        }

        return new(_query with { Owner = owner });
    }

    /// <summary>The finished description.</summary>
    /// <exception cref="InvalidOperationException">The entities are owned, but the rows do not say by whom.</exception>
    public QueryDescription<TRow> Description() =>
        _query.Access.Readers == ReaderScope.Owner && _query.Owner is null
            ? throw new InvalidOperationException($"The {_query.Type} entities are owned by customers: say which customer owns each row with OwnedBy(row => ...).")
            : new(_query);

    private QueryBuilder<TRow> With(QueryFilter<TRow> filter)
    {
        if (filter.Name is "limit" or "after" || _query.Filters.Any(f => f.Name == filter.Name))
        {
            throw new ArgumentException($"The query over {_query.Type} already has a parameter named {filter.Name}.", nameof(filter));
        }

        return new(_query with { Filters = _query.Filters.Add(filter) });
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
