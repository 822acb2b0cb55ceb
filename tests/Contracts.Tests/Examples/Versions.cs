using MassTransit;

namespace WeeEvents.Contracts.Compatibility.Examples;

/// <summary>
/// An imaginary contract in the versions a team might write of it under one URN: the released one, an additive
/// change, and each kind of breaking change. The checker's and the serializer's tests use them.
/// </summary>
public static class Versions
{
    private const string Urn = "weeevents:example:order-cancelled:v1";

    /// <summary>As released.</summary>
    [MessageUrn(Urn)]
    public sealed record Released(string OrderId, string Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary>An optional field added at the end: compatible.</summary>
    [MessageUrn(Urn)]
    public sealed record WithRefund(string OrderId, string Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note = null, string? RefundId = null);

    /// <summary><c>Reason</c> renamed <c>Why</c>.</summary>
    [MessageUrn(Urn)]
    public sealed record Renamed(string OrderId, string Why, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary><c>Reason</c> became a code.</summary>
    [MessageUrn(Urn)]
    public sealed record Retyped(string OrderId, int Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary><c>Note</c> lost its default: required now.</summary>
    [MessageUrn(Urn)]
    public sealed record NoteRequired(string OrderId, string Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note);

    /// <summary><c>Reason</c> may be null now.</summary>
    [MessageUrn(Urn)]
    public sealed record ReasonNullable(string OrderId, string? Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary>A new field every message must carry.</summary>
    [MessageUrn(Urn)]
    public sealed record RefundRequired(string OrderId, string Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<Line> Lines, string RefundId, string? Note = null);

    /// <summary>The channel <c>Store</c> is gone.</summary>
    [MessageUrn(Urn)]
    public sealed record StoreClosed(string OrderId, string Reason, DateTimeOffset CancelledAt, ChannelWithoutStore Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary>A new channel, <c>Partner</c>.</summary>
    [MessageUrn(Urn)]
    public sealed record PartnerChannel(string OrderId, string Reason, DateTimeOffset CancelledAt, ChannelWithPartner Channel, IReadOnlyList<Line> Lines, string? Note = null);

    /// <summary>A line's <c>Sku</c> renamed <c>StockKeepingUnit</c>: a break inside a list.</summary>
    [MessageUrn(Urn)]
    public sealed record LineRenamed(string OrderId, string Reason, DateTimeOffset CancelledAt, Channel Channel, IReadOnlyList<RenamedLine> Lines, string? Note = null);

    /// <summary>Where the order came from.</summary>
    public enum Channel { Web, Phone, Store }

    /// <summary><see cref="Channel"/> without <c>Store</c>.</summary>
    public enum ChannelWithoutStore { Web, Phone }

    /// <summary><see cref="Channel"/> with <c>Partner</c>.</summary>
    public enum ChannelWithPartner { Web, Phone, Store, Partner }

    /// <summary>A line of the order.</summary>
    public sealed record Line(string Sku, int Quantity);

    /// <summary><see cref="Line"/> with its SKU renamed.</summary>
    public sealed record RenamedLine(string StockKeepingUnit, int Quantity);
}
