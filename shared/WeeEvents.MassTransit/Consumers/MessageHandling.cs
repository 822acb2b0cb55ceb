using MassTransit;
using Microsoft.Extensions.Logging;
using WeeEvents.MassTransit.Tracing;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>
/// One message being handled inside its unit of work: the message, the transaction, and services whose appends
/// (and the outbox rows they produce) commit together with the inbox row.
/// </summary>
public sealed class MessageHandling<TMessage>
    where TMessage : class
{
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ServiceOptions _serviceOptions;
    private readonly Dictionary<object, object> _services = [];

    internal MessageHandling(ConsumeContext<TMessage> context, IUnitOfWork unitOfWork, ServiceOptions serviceOptions, ILoggerFactory? loggerFactory)
    {
        ConsumeContext = context;
        UnitOfWork = unitOfWork;
        _serviceOptions = serviceOptions;
        _loggerFactory = loggerFactory;
        var messageId = context.MessageId?.ToString();
        CommandOptions = new CommandOptions
        {
            CorrelationId = context.Headers.Get<string>(WeeEventsHeaders.CorrelationId) ?? context.CorrelationId?.ToString() ?? messageId,
            CausationId = messageId,
        };
    }

    /// <summary>The message.</summary>
    public TMessage Message => ConsumeContext.Message;

    /// <summary>MassTransit's context (headers, publish, redelivery flag).</summary>
    public ConsumeContext<TMessage> ConsumeContext { get; }

    /// <summary>The unit of work: events, inbox and outbox in one transaction.</summary>
    public IUnitOfWork UnitOfWork { get; }

    /// <summary>Command options that carry the message's correlation id on, with the message id as causation.</summary>
    public CommandOptions CommandOptions { get; }

    /// <summary>Cancelled when the bus stops.</summary>
    public CancellationToken CancellationToken => ConsumeContext.CancellationToken;

    /// <summary>
    /// The service for <paramref name="description"/> on this unit of work. It does not retry revision conflicts
    /// itself: the transaction is spoilt by then, so the whole message is retried instead.
    /// </summary>
    public IService<TState> Service<TState>(ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!_services.TryGetValue(description, out var service))
        {
            service = description.CreateService(UnitOfWork.Events, _serviceOptions, _loggerFactory);
            _services.Add(description, service);
        }

        return (IService<TState>)service;
    }

    /// <summary>Runs a command addressed to an aggregate of <paramref name="description"/> (what a consumer maps its message to).</summary>
    public Task<Entity<TState>> ExecuteAsync<TState, TCommand>(ServiceDescription<TState> description, KeyedCommand<TCommand> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExecuteAsync(description, command.Name, command.Key, command.Payload);
    }

    /// <summary>Runs a command on an aggregate of <paramref name="description"/> with this message's correlation and causation.</summary>
    public Task<Entity<TState>> ExecuteAsync<TState, TCommand>(ServiceDescription<TState> description, string command, string key, TCommand payload)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Service(description).ExecuteAsync(command, description.Id(key), payload, CommandOptions, CancellationToken);
    }
}
