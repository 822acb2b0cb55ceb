using System.Reflection;
using MassTransit;

namespace WeeEvents.Contracts;

/// <summary>The wire names of contracts, read from their <see cref="MessageUrnAttribute"/>.</summary>
public static class ContractUrns
{
    /// <summary>The message URN of <paramref name="contract"/>, for example <c>urn:message:weeevents:order:order-placed:v1</c>.</summary>
    /// <exception cref="ArgumentException">The type has no <see cref="MessageUrnAttribute"/>: it is not a contract.</exception>
    public static string Of(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var attribute = contract.GetCustomAttribute<MessageUrnAttribute>()
            ?? throw new ArgumentException($"{contract.Name} has no [MessageUrn]: it is not an integration contract.", nameof(contract));
        return attribute.Urn.ToString();
    }

    /// <summary>The message URN of <typeparamref name="TContract"/>.</summary>
    public static string Of<TContract>() => Of(typeof(TContract));
}
