using MassTransit;

namespace WeeEvents.MassTransit.Consumers;

/// <summary>
/// The base of a consumer whose handling is one unit of work with its inbox row. Override
/// <see cref="HandleAsync"/>. A redelivery or a re-send is looked up in the inbox and skipped; one that races its twin
/// may run, but only one of them commits.
/// </summary>
/// <example>
/// <code>
/// public sealed class ReserveStock(InboxProcessor inbox) : DeduplicatingConsumer&lt;OrderPlaced&gt;(inbox)
/// {
///     protected override Task HandleAsync(MessageHandling&lt;OrderPlaced&gt; message) =&gt;
///         message.ExecuteAsync(InventoryService.Description, "reserve", message.Message.Sku, new Reserve(...));
/// }
/// </code>
/// </example>
public abstract class DeduplicatingConsumer<TMessage>(InboxProcessor inbox) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>
    /// The consumer's name in the inbox: the full type name unless overridden. Keep it stable; a new name
    /// forgets which messages were handled.
    /// </summary>
    protected virtual string InboxName => GetType().FullName ?? GetType().Name;

    /// <inheritdoc />
    public Task Consume(ConsumeContext<TMessage> context) => inbox.HandleAsync(context, InboxName, HandleAsync);

    /// <summary>Handles the message inside its unit of work; throw to roll everything back.</summary>
    protected abstract Task HandleAsync(MessageHandling<TMessage> message);
}
