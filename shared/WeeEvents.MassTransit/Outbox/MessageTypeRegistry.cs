using System.Collections.Immutable;
using MassTransit;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// The contracts a service publishes, by message URN (their wire name), built from registered types only:
/// no scanning of assemblies or names. The relay uses it to turn an outbox row back into a message.
/// </summary>
public sealed class MessageTypeRegistry
{
    private readonly ImmutableDictionary<string, Type> _types;

    private MessageTypeRegistry(ImmutableDictionary<string, Type> types) => _types = types;

    /// <summary>A registry with no contracts.</summary>
    public static MessageTypeRegistry Empty { get; } = new(ImmutableDictionary<string, Type>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>Every registered URN and its contract type.</summary>
    public IReadOnlyDictionary<string, Type> Types => _types;

    /// <summary>The message URN of a contract: its <see cref="MessageUrnAttribute"/> when present, else MassTransit's default.</summary>
    public static string UrnOf(Type contract) => MessageUrn.ForTypeString(contract);

    /// <summary>The registry with <typeparamref name="TContract"/> added.</summary>
    public MessageTypeRegistry Add<TContract>() where TContract : class => Add(typeof(TContract));

    /// <summary>The registry with <paramref name="contract"/> added; refuses two types with one URN.</summary>
    public MessageTypeRegistry Add(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (string.IsNullOrEmpty(contract.Namespace))
        {
            throw new ArgumentException($"Message type {contract.Name} must be declared in a namespace (MassTransit requires it).", nameof(contract));
        }

        var urn = UrnOf(contract);
        if (_types.TryGetValue(urn, out var existing))
        {
            return existing == contract
                ? this
                : throw new ArgumentException($"Message URN '{urn}' is claimed by both {existing.FullName} and {contract.FullName}.", nameof(contract));
        }

        return new MessageTypeRegistry(_types.Add(urn, contract));
    }

    /// <summary>Both registries' contracts.</summary>
    public MessageTypeRegistry Merge(MessageTypeRegistry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._types.Values.Aggregate(this, (registry, type) => registry.Add(type));
    }

    /// <summary>The contract type for <paramref name="urn"/>, if registered.</summary>
    public bool TryFind(string urn, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) => _types.TryGetValue(urn, out type);
}
