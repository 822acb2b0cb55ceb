using System.Collections.Immutable;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.AspNetCore;
using WeeEvents.AspNetCore.Operator;
using WeeEvents.AspNetCore.Security;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Hosting.Queries;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Messaging;
using WeeEvents.Privacy;

namespace WeeEvents.Hosting;

/// <summary>
/// A service as one value: the aggregates it serves (each an <see cref="IService{TState}"/> and its HTTP routes), what it
/// publishes (its outbox mapper) and what it consumes (its message routes). Its own host, the all-in-one demo and the
/// tests compose the same value: <c>builder.AddWeeEventsServiceDefaults([OrderModule.Module])</c>.
/// </summary>
public sealed class ServiceModule
{
    private readonly ImmutableArray<Action<IServiceCollection>> _registrations;
    private readonly ImmutableArray<Action<IEndpointRouteBuilder>> _endpoints;

    private ServiceModule(string name, OutboxMapper outbound, MessageRoutes inbound, ImmutableArray<Action<IServiceCollection>> registrations, ImmutableArray<Action<IEndpointRouteBuilder>> endpoints, ImmutableArray<RouteAccess> access)
    {
        Name = name;
        Outbound = outbound;
        Inbound = inbound;
        _registrations = registrations;
        _endpoints = endpoints;
        Access = access;
    }

    /// <summary>Every route the module serves over HTTP and who may call it, as its access declarations say.</summary>
    public IReadOnlyList<RouteAccess> Access { get; }

    /// <summary>The service's name, for example <c>order</c>.</summary>
    public string Name { get; }

    /// <summary>The contracts it publishes, mapped from its events.</summary>
    public OutboxMapper Outbound { get; }

    /// <summary>The messages it consumes and what each asks of it.</summary>
    public MessageRoutes Inbound { get; }

    /// <summary>Starts a module that serves, publishes and consumes nothing yet.</summary>
    public static ServiceModule Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(name, OutboxMapper.Empty, MessageRoutes.Empty, [], [], []);
    }

    /// <summary>Serves <paramref name="description"/>: its <see cref="IService{TState}"/> and its routes under <c>/{type}</c>.</summary>
    public ServiceModule Serves<TState>(ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new(Name, Outbound, Inbound,
            _registrations.Add(services => services.AddWeeEventsService(description)),
            _endpoints.Add(endpoints => endpoints.MapService(description)),
            Access.Concat(RouteAccess.Of(description)).ToImmutableArray());
    }

    /// <summary>Publishes what <paramref name="mapper"/> maps the service's events to.</summary>
    public ServiceModule Publishes(OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return new(Name, mapper, Inbound, _registrations, _endpoints, [.. Access]);
    }

    /// <summary>Consumes by <paramref name="routes"/>.</summary>
    public ServiceModule Consumes(MessageRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new(Name, Outbound, Inbound.Merge(routes), _registrations, _endpoints, [.. Access]);
    }

    /// <summary>
    /// Forgets a customer when <c>CustomerForgotten</c> arrives: destroys their data keys in this service's database,
    /// purges its stored replies for them and records <c>personal-data-erased</c> on the <c>customer</c> entity.
    /// With <paramref name="takesRequests"/> (Order) it also serves <c>POST /customer/{id}/forget</c> and publishes the
    /// message; every other service only consumes it.
    /// </summary>
    public ServiceModule ForgetsCustomers(bool takesRequests = false)
    {
        // The customer entity and its handling live in WeeEvents.Privacy; a module only says which part it plays.
        var module = Consumes(CustomerPrivacy.Routes(Name)).With(services => services.AddPersonalDataEraser());
        return takesRequests
            ? module.Serves(CustomerPrivacy.Description).Publishes(Outbound.PublishesForget())
            : module.With(services => services.AddWeeEventsService(CustomerPrivacy.Description));
    }

    /// <summary>Keeps <paramref name="projection"/>'s read model in the service's database, from its events.</summary>
    public ServiceModule Projects(ProjectionDescription projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return With(services => services.AddWeeEventsProjection(projection));
    }

    /// <summary>Serves <paramref name="query"/> as <c>GET /{type}</c> over its projection's rows.</summary>
    public ServiceModule Queries<TRow>(QueryDescription<TRow> query)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(Name, Outbound, Inbound, _registrations, _endpoints.Add(endpoints => QueryEndpoint.Map(endpoints, query)), [.. Access, RouteAccess.List(query.Type, query.Access)]);
    }

    /// <summary>
    /// Serves an operator's route of the service's own under <c>/operator</c>, beside the ones every service has
    /// (<see cref="OperatorEndpoints"/>): <paramref name="map"/> maps it on the operator group (role <c>operator</c>,
    /// OpenAPI tag <c>operator</c>); <paramref name="route"/> names it in <see cref="Access"/> (<c>GET /operator/orders</c>).
    /// A host without authentication does not map it.
    /// </summary>
    public ServiceModule Operates(string route, Action<IEndpointRouteBuilder> map)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentNullException.ThrowIfNull(map);
        return new(Name, Outbound, Inbound, _registrations, _endpoints.Add(endpoints =>
        {
            if (endpoints.MapWeeEventsOperatorGroup() is { } group)
            {
                map(group);
            }
        }), [.. Access, RouteAccess.Operator(route)]);
    }

    /// <summary>Adds a registration of the service's own (a dependency its handlers take, say).</summary>
    public ServiceModule With(Action<IServiceCollection> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        return new(Name, Outbound, Inbound, _registrations.Add(register), _endpoints, [.. Access]);
    }

    /// <summary>Registers the module's services in <paramref name="services"/>.</summary>
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var register in _registrations)
        {
            register(services);
        }
    }

    /// <summary>Maps the module's HTTP routes.</summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var map in _endpoints)
        {
            map(endpoints);
        }
    }
}
