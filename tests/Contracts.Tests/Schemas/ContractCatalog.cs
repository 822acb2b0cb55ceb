using System.Reflection;
using MassTransit;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>One integration contract: a record with a wire name.</summary>
/// <param name="Type">The record.</param>
internal sealed record Contract(Type Type)
{
    /// <summary>Its wire name, e.g. <c>urn:message:weeevents:order:order-placed:v1</c>.</summary>
    public string Urn { get; } = ContractUrns.Of(Type);

    /// <summary>Its CLR name, which may change freely (the URN is what identifies it).</summary>
    public string Name => Type.Name;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Urn})";
}

/// <summary>Every integration contract the services exchange: the public types of WeeEvents.Contracts with a <see cref="MessageUrnAttribute"/>.</summary>
internal static class ContractCatalog
{
    /// <summary>The contracts, ordered by URN.</summary>
    public static IReadOnlyList<Contract> All { get; } =
        [.. typeof(ContractUrns).Assembly.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<MessageUrnAttribute>() is not null)
            .Select(t => new Contract(t))
            .OrderBy(c => c.Urn, StringComparer.Ordinal)];

    /// <summary>The contract with <paramref name="urn"/>, if any.</summary>
    public static Contract? Find(string urn) => All.SingleOrDefault(c => c.Urn == urn);
}
