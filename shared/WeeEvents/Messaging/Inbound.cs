using Microsoft.Extensions.Logging;

namespace WeeEvents.Messaging;

/// <summary>
/// One message being handled by a route: the message, the store its commands run on (a unit of work's, so every append
/// commits with the inbox row and the outbox rows), and the command options that carry the message's correlation on.
/// </summary>
/// <typeparam name="TMessage">The message's contract.</typeparam>
public sealed class Inbound<TMessage>
{
    private readonly ServiceOptions _serviceOptions;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Dictionary<object, object> _services = [];

    /// <summary>Describes a message about to be handled on <paramref name="store"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="messageId">Its id: what the inbox keys it by.</param>
    /// <param name="store">The store its commands run on.</param>
    /// <param name="commandOptions">The correlation and causation its commands carry.</param>
    /// <param name="serviceOptions">How the services it runs commands on behave (the host's options).</param>
    /// <param name="loggerFactory">Logging for those services.</param>
    /// <param name="services">The host's services, for a route whose work is more than a command (forgetting a customer).</param>
    /// <param name="cancellationToken">Cancelled when the handling should stop.</param>
    public Inbound(
        TMessage message,
        Guid messageId,
        IEventStore store,
        CommandOptions commandOptions,
        ServiceOptions? serviceOptions = null,
        ILoggerFactory? loggerFactory = null,
        IServiceProvider? services = null,
        CancellationToken cancellationToken = default)
    {
        Services = services;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(commandOptions);
        Message = message;
        MessageId = messageId;
        Store = store;
        CommandOptions = commandOptions;
        _serviceOptions = serviceOptions ?? new ServiceOptions();
        _loggerFactory = loggerFactory;
        CancellationToken = cancellationToken;
    }

    /// <summary>The message.</summary>
    public TMessage Message { get; }

    /// <summary>The host's services, when the route runs in a host.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>The message's id.</summary>
    public Guid MessageId { get; }

    /// <summary>The store the handling's commands run on.</summary>
    public IEventStore Store { get; }

    /// <summary>The message's correlation id carried on, with the message id as causation.</summary>
    public CommandOptions CommandOptions { get; }

    /// <summary>Cancelled when the handling should stop.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The service for <paramref name="description"/> on <see cref="Store"/>, one per description.</summary>
    public IService<TState> Service<TState>(ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!_services.TryGetValue(description, out var service))
        {
            service = description.CreateService(Store, _serviceOptions, _loggerFactory);
            _services.Add(description, service);
        }

        return (IService<TState>)service;
    }

    /// <summary>Runs a command on an aggregate of <paramref name="description"/> (what a route maps its message to).</summary>
    public Task<Entity<TState>> ExecuteAsync<TState, TCommand>(ServiceDescription<TState> description, KeyedCommand<TCommand> command)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(command);
        return Service(description).ExecuteAsync(command.Name, description.Id(command.Key), command.Payload, CommandOptions, CancellationToken);
    }
}
