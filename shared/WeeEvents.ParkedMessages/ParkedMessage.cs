using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;

namespace WeeEvents.ParkedMessages;

/// <summary>A message in an <c>_error</c> queue and why it was parked, from the <c>MT-Fault-*</c> headers MassTransit set.</summary>
/// <param name="Queue">The error queue.</param>
/// <param name="MessageId">The message's id (the source event's id, for WeeEvents' messages).</param>
/// <param name="MessageType">The contract's URN, from the envelope.</param>
/// <param name="ExceptionType">The exception that parked it.</param>
/// <param name="Reason">The exception's message.</param>
/// <param name="FailedAt">When it was parked.</param>
public sealed record ParkedMessage(string Queue, string? MessageId, string? MessageType, string? ExceptionType, string? Reason, DateTimeOffset? FailedAt)
{
    /// <summary>The conversation it belongs to (the envelope's correlation id, else the AMQP property).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>How many times it was retried before it was parked (<c>MT-Fault-RetryCount</c>), when MassTransit said.</summary>
    public int? Retries { get; init; }

    /// <summary>
    /// How many times it was handled before it was parked: one more than its retries. MassTransit writes
    /// <c>MT-Fault-RetryCount</c> only after a retry (WeeEvents' routes put the count where it does), so a message parked
    /// without it was handled once: an answer that handling again could not change.
    /// </summary>
    public int Attempts => (Retries ?? 0) + 1;

    /// <summary>Its headers as text, fault headers included.</summary>
    public IReadOnlyDictionary<string, string?> Headers { get; init; } = new Dictionary<string, string?>();

    /// <summary>Its body as sent: MassTransit's JSON envelope, the contract under <c>message</c>.</summary>
    public string Body { get; init; } = "";

    /// <summary>The queue it is returned to: <c>x_error</c> → <c>x</c>.</summary>
    public string SourceQueue => ErrorQueues.SourceOf(Queue);

    /// <summary>Reads a delivery taken from <paramref name="queue"/>.</summary>
    public static ParkedMessage From(string queue, BasicGetResult delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var properties = delivery.BasicProperties;
        var headers = properties.Headers;
        var envelope = Envelope.Read(delivery.Body);
        return new ParkedMessage(
            queue,
            properties.MessageId ?? Header(headers, MessageHeaders.MessageId),
            envelope.MessageType,
            Header(headers, MessageHeaders.FaultExceptionType),
            Header(headers, MessageHeaders.FaultMessage),
            DateTimeOffset.TryParse(Header(headers, MessageHeaders.FaultTimestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null)
        {
            CorrelationId = envelope.CorrelationId ?? properties.CorrelationId,
            Retries = int.TryParse(Header(headers, MessageHeaders.FaultRetryCount), CultureInfo.InvariantCulture, out var retries) ? retries : null,
            Headers = headers?.ToDictionary(h => h.Key, h => Header(headers, h.Key), StringComparer.Ordinal) ?? new Dictionary<string, string?>(),
            Body = Encoding.UTF8.GetString(delivery.Body.Span),
        };
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

    // MassTransit's JSON envelope names the message's types, most specific first, and its correlation id; a body that
    // is not one says nothing.
    private readonly record struct Envelope(string? MessageType, string? CorrelationId)
    {
        public static Envelope Read(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var envelope = JsonDocument.Parse(body);
                var root = envelope.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return default;
                }

                var type = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                    ? types[0].GetString()
                    : null;
                var correlation = root.TryGetProperty("correlationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                return new Envelope(type, correlation);
            }
            catch (JsonException)
            {
                return default;
            }
        }
    }
}
