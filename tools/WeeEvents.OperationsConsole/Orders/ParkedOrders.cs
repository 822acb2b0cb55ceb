using System.Text.Json;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Orders;

/// <summary>
/// The orders that have a parked message: every contract of the order flow names its order (<c>orderId</c>), which a
/// parked message's body carries under MassTransit's <c>message</c>. Its correlation id is the conversation's, not the
/// order's, so the body is what ties a parked message to its order.
/// </summary>
public static class ParkedOrders
{
    /// <summary>The parked messages among <paramref name="messages"/> that name an order, by that order's id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ParkedMessage>> Of(IEnumerable<ParkedMessage> messages) =>
        messages.Select(m => (Order: OrderOf(m.Body), Message: m))
            .Where(p => p.Order is not null)
            .GroupBy(p => p.Order!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ParkedMessage>)[.. g.Select(p => p.Message)], StringComparer.Ordinal);

    private static string? OrderOf(string body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("orderId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
