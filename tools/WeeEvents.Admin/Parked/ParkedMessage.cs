using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;

namespace WeeEvents.Admin.Parked;

/// <summary>A message in an <c>_error</c> queue and why it was parked, from the <c>MT-Fault-*</c> headers MassTransit set.</summary>
/// <param name="Queue">The error queue.</param>
/// <param name="MessageId">The message's id (the source event's id, for WeeEvents' messages).</param>
/// <param name="MessageType">The contract's URN, from the envelope.</param>
/// <param name="ExceptionType">The exception that parked it.</param>
/// <param name="Reason">The exception's message.</param>
/// <param name="FailedAt">When it was parked.</param>
public sealed record ParkedMessage(string Queue, string? MessageId, string? MessageType, string? ExceptionType, string? Reason, DateTimeOffset? FailedAt)
{
    /// <summary>Reads a delivery taken from <paramref name="queue"/>.</summary>
    public static ParkedMessage From(string queue, BasicGetResult delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var properties = delivery.BasicProperties;
        var headers = properties.Headers;
        return new ParkedMessage(
            queue,
            properties.MessageId ?? Header(headers, MessageHeaders.MessageId),
            EnvelopeMessageType(delivery.Body),
            Header(headers, MessageHeaders.FaultExceptionType),
            Header(headers, MessageHeaders.FaultMessage),
            DateTimeOffset.TryParse(Header(headers, MessageHeaders.FaultTimestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }

    /// <summary>A header's value as text: AMQP carries strings as bytes.</summary>
    internal static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            }
            : null;

    // MassTransit's JSON envelope names the message's types, most specific first; a body that is not one says nothing.
    private static string? EnvelopeMessageType(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
