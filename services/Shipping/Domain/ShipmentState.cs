using System.Text.Json.Serialization;
using WeeEvents.Protection;

namespace WeeEvents.Services.Shipping.Domain;

/// <summary>Where a shipment goes.</summary>
/// <param name="Name">The recipient.</param>
/// <param name="Line1">The street address.</param>
/// <param name="City">The city.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">ISO 3166 alpha-2 country code.</param>
/// <param name="Line2">An optional second address line.</param>
public sealed record Address([property: PersonalData] string Name, [property: PersonalData] string Line1, [property: PersonalData] string City, [property: PersonalData] string PostalCode, string Country, [property: PersonalData] string? Line2 = null);

/// <summary>
/// The shipment of one order (keyed by order id): scheduled once the order is paid and its address is
/// known (in either order), then dispatched and delivered; cancelled if the payment is refunded before
/// dispatch.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(AwaitingPayment), "awaiting-payment")]
[JsonDerivedType(typeof(AwaitingAddress), "awaiting-address")]
[JsonDerivedType(typeof(Scheduled), "scheduled")]
[JsonDerivedType(typeof(Dispatched), "dispatched")]
[JsonDerivedType(typeof(Delivered), "delivered")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
public abstract record ShipmentState
{
    private ShipmentState()
    {
    }

    /// <summary>
    /// The customer the shipment goes to, as <c>address-noted</c> recorded it. The entity's owner under its access rule: that customer reads it, nobody else but staff; null until the
    /// service hears whose it is (such an entity only staff read).
    /// </summary>
    public string? CustomerId { get; init; }

    /// <summary>Nothing heard yet.</summary>
    public sealed record Uninitialized : ShipmentState;

    /// <summary>The address is known (the order was placed); waiting for the payment.</summary>
    /// <param name="Address">Where to ship.</param>
    /// <param name="Total">The order's total, which its payment must show; null when noted before it was carried.</param>
    /// <param name="Currency">The currency of <paramref name="Total"/>.</param>
    public sealed record AwaitingPayment(Address Address, decimal? Total = null, string? Currency = null) : ShipmentState;

    /// <summary>The payment went through before the order's address was heard of.</summary>
    public sealed record AwaitingAddress : ShipmentState;

    /// <summary>A carrier and a tracking number are assigned.</summary>
    /// <param name="Address">Where to ship.</param>
    /// <param name="Carrier">Who carries it.</param>
    /// <param name="TrackingNumber">The carrier's tracking number.</param>
    public sealed record Scheduled(Address Address, string Carrier, string TrackingNumber) : ShipmentState;

    /// <summary>Handed to the carrier.</summary>
    /// <param name="Address">Where to ship.</param>
    /// <param name="Carrier">Who carries it.</param>
    /// <param name="TrackingNumber">The carrier's tracking number.</param>
    /// <param name="DispatchedAt">When.</param>
    public sealed record Dispatched(Address Address, string Carrier, string TrackingNumber, DateTimeOffset DispatchedAt) : ShipmentState;

    /// <summary>Delivered. Terminal.</summary>
    /// <param name="Address">Where it went.</param>
    /// <param name="Carrier">Who carried it.</param>
    /// <param name="TrackingNumber">The carrier's tracking number.</param>
    /// <param name="DeliveredAt">When.</param>
    public sealed record Delivered(Address Address, string Carrier, string TrackingNumber, DateTimeOffset DeliveredAt) : ShipmentState;

    /// <summary>The order's payment was refunded before dispatch: nothing ships. Terminal.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Cancelled(string Reason) : ShipmentState;

    /// <summary>The state's name, as in its JSON <c>status</c>.</summary>
    [JsonIgnore]
    public string Name => StateNames<ShipmentState>.Of(this);
}
