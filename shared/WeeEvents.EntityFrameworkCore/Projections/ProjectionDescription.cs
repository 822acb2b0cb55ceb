using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>How a projection applies one recorded event to its rows.</summary>
public delegate Task ProjectionHandler(ProjectionContext context, RecordedEvent<JsonElement> recorded);

/// <summary>
/// A read model, described as the rest of the framework is: a name (its subscription's checkpoint), the EF Core rows it
/// keeps in the service's own database, and what each event type does to them. A subscription applies events in
/// commit order, each batch in one transaction with its checkpoint, so a crash replays a batch whole or not at all.
/// Build one with <see cref="Projection.Named"/>; register it with
/// <see cref="ProjectionServiceCollectionExtensions.AddWeeEventsProjection"/>.
/// </summary>
public sealed class ProjectionDescription
{
    private readonly ImmutableList<Action<ModelBuilder>> _model;
    private readonly ImmutableDictionary<string, ProjectionHandler> _handlers;

    internal ProjectionDescription(string name, string? aggregateType, ImmutableList<Action<ModelBuilder>> model, ImmutableList<Type> rowTypes, ImmutableDictionary<string, ProjectionHandler> handlers)
    {
        Name = name;
        AggregateType = aggregateType;
        _model = model;
        RowTypes = rowTypes;
        _handlers = handlers;
    }

    /// <summary>The projection's name: its checkpoint's key, in logs and in <c>wee_events.subscription.lag</c>.</summary>
    public string Name { get; }

    /// <summary>The aggregate type whose events it handles (null: any); in a database several services share, others pass by.</summary>
    public string? AggregateType { get; }

    /// <summary>The event types the projection handles; it reads past every other.</summary>
    public IEnumerable<string> EventTypes => _handlers.Keys;

    /// <summary>The CLR types of the rows it keeps (emptied by a rebuild).</summary>
    public IReadOnlyList<Type> RowTypes { get; }

    internal void ConfigureModel(ModelBuilder modelBuilder)
    {
        foreach (var configure in _model)
        {
            configure(modelBuilder);
        }
    }

    internal ProjectionHandler? HandlerFor(RecordedEvent<System.Text.Json.JsonElement> recorded) =>
        Handles(recorded.Aggregate.Type, recorded.Type) ? _handlers[recorded.Type] : null;

    /// <summary>Whether it handles events of <paramref name="eventType"/> on aggregates of <paramref name="aggregateType"/>.</summary>
    internal bool Handles(string aggregateType, string eventType) =>
        (AggregateType is null || AggregateType == aggregateType) && _handlers.ContainsKey(eventType);
}

/// <summary>Starts a <see cref="ProjectionDescription"/>.</summary>
public static class Projection
{
    /// <summary>A projection named <paramref name="name"/> (1 to 200 characters; the checkpoint's key).</summary>
    public static ProjectionBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, 200, nameof(name));
        return new ProjectionBuilder(name, null, [], [], ImmutableDictionary<string, ProjectionHandler>.Empty);
    }
}

/// <summary>An immutable builder of a <see cref="ProjectionDescription"/>: each call returns a new builder.</summary>
public sealed class ProjectionBuilder
{
    private readonly string _name;
    private readonly string? _aggregateType;
    private readonly ImmutableList<Action<ModelBuilder>> _model;
    private readonly ImmutableList<Type> _rowTypes;
    private readonly ImmutableDictionary<string, ProjectionHandler> _handlers;

    internal ProjectionBuilder(string name, string? aggregateType, ImmutableList<Action<ModelBuilder>> model, ImmutableList<Type> rowTypes, ImmutableDictionary<string, ProjectionHandler> handlers) =>
        (_name, _aggregateType, _model, _rowTypes, _handlers) = (name, aggregateType, model, rowTypes, handlers);

    /// <summary>Handles only the events of aggregates of <paramref name="aggregateType"/>.</summary>
    public ProjectionBuilder Of(string aggregateType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aggregateType);
        return new(_name, aggregateType, _model, _rowTypes, _handlers);
    }

    /// <summary>Keeps rows of <typeparamref name="TRow"/>, mapped by <paramref name="configure"/> (table, key, columns, indexes).</summary>
    public ProjectionBuilder Stores<TRow>(Action<EntityTypeBuilder<TRow>> configure)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        return new(_name, _aggregateType, _model.Add(m => configure(m.Entity<TRow>())), _rowTypes.Add(typeof(TRow)), _handlers);
    }

    /// <summary>Applies events of <paramref name="eventType"/>, their data read as <typeparamref name="TData"/>.</summary>
    public ProjectionBuilder On<TData>(string eventType, Func<ProjectionContext, RecordedEvent<TData>, Task> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(apply);
        if (_handlers.ContainsKey(eventType))
        {
            throw new ArgumentException($"The projection {_name} already handles {eventType}.", nameof(eventType));
        }

        return new(_name, _aggregateType, _model, _rowTypes, _handlers.Add(eventType, (context, recorded) => apply(context, recorded.As<TData>())));
    }

    /// <summary>The finished description.</summary>
    public ProjectionDescription Description() => new(_name, _aggregateType, _model, _rowTypes, _handlers);
}
