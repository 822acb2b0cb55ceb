using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Serialization;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// A contract as it travels between services: MassTransit's System.Text.Json envelope with its own serializer options
/// (camelCase, decimals as strings, unknown fields skipped, missing fields left at their default). The services do
/// not configure the serializer, so these are the options on the wire.
/// </summary>
internal static class Wire
{
    /// <summary>The options MassTransit serialises the envelope and its <c>message</c> with.</summary>
    public static JsonSerializerOptions Options => SystemTextJsonMessageSerializer.Options;

    /// <summary>The <c>message</c> part of the envelope a publisher sends for <paramref name="contract"/>.</summary>
    public static JsonObject Write(object contract) =>
        JsonSerializer.SerializeToNode(contract, contract.GetType(), Options)!.AsObject();

    /// <summary>
    /// Reads <paramref name="message"/> as a consumer of <paramref name="contract"/> does: wrapped in an envelope that
    /// names <paramref name="urn"/>, through MassTransit's deserializer, which also checks the URN matches the type.
    /// </summary>
    /// <exception cref="InvalidOperationException">The consumer would not recognise the message as its contract.</exception>
    public static object Read(Type contract, string urn, JsonNode message)
    {
        var envelope = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["messageType"] = new JsonArray(urn),
            ["message"] = message.DeepClone(),
        };
        var context = new SystemTextJsonMessageSerializer().Deserialize(new StringMessageBody(envelope.ToJsonString()), EmptyHeaders.Instance);
        return context.TryGetMessage(contract, out var read) && read is not null
            ? read
            : throw new InvalidOperationException($"A consumer of {contract.Name} does not take a message of type {urn}.");
    }
}
