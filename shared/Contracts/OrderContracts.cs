using System.Text.Json.Serialization;
using MassTransit;
using WeeEvents.Protection;

namespace WeeEvents.Contracts.Order;

/// <summary>One line of an order, as other services see it.</summary>
/// <param name="Sku">The stock-keeping unit.</param>
/// <param name="Quantity">How many, 1 to 1,000.</param>
/// <param name="UnitPrice">The price of one, in the order's currency.</param>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>Where an order is shipped.</summary>
/// <param name="Name">The recipient.</param>
/// <param name="Line1">The street address.</param>
/// <param name="City">The city.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">The ISO 3166 alpha-2 country code.</param>
/// <param name="Line2">An optional second address line.</param>
public sealed record ShippingAddress([property: PersonalData] string Name, [property: PersonalData] string Line1, [property: PersonalData] string City, [property: PersonalData] string PostalCode, string Country, [property: PersonalData] string? Line2 = null);

/// <summary>
/// A customer placed an order. Inventory reserves its lines, Payment prepares to charge its total,
/// Shipping notes its address.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Currency">The ISO 4217 currency of every price and of the total.</param>
/// <param name="Lines">What was ordered.</param>
/// <param name="Total">The amount to charge: the sum of quantity × unit price over the lines.</param>
/// <param name="ShippingAddress">Where to ship.</param>
/// <param name="PaymentToken">The token of the customer's payment method.</param>
/// <param name="PlacedAt">When the order was placed.</param>
[MessageUrn("weeevents:order:order-placed:v1")]
public sealed record OrderPlaced(
    string OrderId,
    [property: DataSubject] string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    decimal Total,
    ShippingAddress ShippingAddress,
    [property: PersonalData] string PaymentToken,
    DateTimeOffset PlacedAt)
{
    /// <summary><see cref="Total"/> in <see cref="Currency"/>: what the customer owes. Not a field of its own on the wire.</summary>
    [JsonIgnore]
    public Money Due => new(Total, Currency);
}

/// <summary>
/// An order was cancelled (by the customer before payment, or because the payment failed). Inventory
/// releases what it holds for it; Payment refunds it if it was charged; nothing is kept.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="CancelledAt">When it was cancelled.</param>
[MessageUrn("weeevents:order:order-cancelled:v1")]
public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset CancelledAt);

/// <summary>
/// An order reached its happy end: paid and its shipment scheduled. Nothing in the flow needs it; it is there
/// for whoever follows orders from outside (notifications, the load driver).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Carrier">The carrier of its shipment.</param>
/// <param name="TrackingNumber">The shipment's tracking number.</param>
/// <param name="CompletedAt">When it completed.</param>
[MessageUrn("weeevents:order:order-completed:v1")]
public sealed record OrderCompleted(string OrderId, string Carrier, string TrackingNumber, DateTimeOffset CompletedAt);

/// <summary>An order was rejected because its stock could not be reserved; for whoever follows orders from outside.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="RejectedAt">When it was rejected.</param>
[MessageUrn("weeevents:order:order-rejected:v1")]
public sealed record OrderRejected(string OrderId, string Reason, DateTimeOffset RejectedAt);

/// <summary>
/// The customer changed where an order ships. Shipping moves the order's shipment to the new address unless the parcel
/// was already dispatched.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Whose order it is.</param>
/// <param name="ShippingAddress">Where to ship from now on.</param>
/// <param name="ChangedAt">When the order recorded the change.</param>
[MessageUrn("weeevents:order:shipping-address-changed:v1")]
public sealed record ShippingAddressChanged(
    string OrderId,
    [property: DataSubject] string CustomerId,
    ShippingAddress ShippingAddress,
    DateTimeOffset ChangedAt);
