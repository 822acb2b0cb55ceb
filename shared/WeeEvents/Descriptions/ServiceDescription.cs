using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeeEvents;

/// <summary>What a service is: its entity type and version.</summary>
/// <param name="Aggregate">The entity type, for example <c>order</c>; used in ids, routes and telemetry.</param>
/// <param name="Version">The service's version.</param>
/// <param name="Description">A sentence for documentation (OpenAPI).</param>
public sealed record ServiceInfo(string Aggregate, string Version = "1.0.0", string? Description = null);

/// <summary>Composes a service from its loader and its dispatcher.</summary>
public static class ServiceDescription
{
    /// <summary>Combines metadata, loader and dispatcher into a service description.</summary>
    public static ServiceDescription<TState> Create<TState>(ServiceInfo info, LoaderDescription<TState> loader, DispatcherDescription<TState> dispatcher)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(dispatcher);
        _ = new AggregateId(info.Aggregate, "check"); // refuses an aggregate type that cannot make ids
        return new ServiceDescription<TState>(info, loader, dispatcher);
    }
}

/// <summary>A service as a value: everything needed to run it against any event store.</summary>
public sealed class ServiceDescription<TState>
{
    internal ServiceDescription(ServiceInfo info, LoaderDescription<TState> loader, DispatcherDescription<TState> dispatcher)
    {
        Info = info;
        Loader = loader;
        Dispatcher = dispatcher;
    }

    /// <summary>The entity type and version.</summary>
    public ServiceInfo Info { get; }

    /// <summary>How state is built from events.</summary>
    public LoaderDescription<TState> Loader { get; }

    /// <summary>The commands the service accepts.</summary>
    public DispatcherDescription<TState> Dispatcher { get; }

    /// <summary>The id of the aggregate with key <paramref name="key"/> in this service.</summary>
    public AggregateId Id(string key) => new(Info.Aggregate, key);

    /// <summary>
    /// Runs the description against a store: the command path (<c>CommandService</c>: validate, load, authorise, decide,
    /// append), with the audit trail and telemetry around it as decorators.
    /// </summary>
    public IService<TState> CreateService(IEventStore store, ServiceOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ServiceOptions();
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger($"WeeEvents.Service.{Info.Aggregate}");
        var commands = new CommandService<TState>(this, new EntityLoader<TState>(this, store, options, logger), new EventAppender<TState>(this, store, options.Telemetry), options, logger);
        return new TracedService<TState>(new AuditedService<TState>(commands, loggers), options.Telemetry);
    }
}
