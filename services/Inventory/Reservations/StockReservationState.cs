using System.Text.Json.Serialization;
using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;

namespace WeeEvents.Services.Inventory.Reservations;

/// <summary>One SKU's part of an order's reservation.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">Units (the order's lines for that SKU, summed).</param>
public sealed record ReservationLine(string Sku, int Quantity);

/// <summary>One line of an order as Inventory is asked to reserve it.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">Units.</param>
/// <param name="UnitPrice">The price of one the customer saw (in the order's currency), checked against the catalogue.</param>
public sealed record OrderedLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>A line whose quoted price is not the catalogue's.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quoted">The price the order quoted.</param>
/// <param name="Catalogue">The SKU's catalogue price; null when none is set.</param>
public sealed record PriceDifference(string Sku, Money Quoted, Money? Catalogue)
{
    /// <summary>In words: <c>sku-1 costs 10.99 EUR, not 9.99 EUR</c>.</summary>
    public override string ToString() => Catalogue is null ? $"{Sku} has no price" : $"{Sku} costs {Catalogue}, not {Quoted}";
}

/// <summary>Why a reservation failed, as <c>StockReservationFailed.Reason</c> carries it.</summary>
public static class ReservationFailureReasons
{
    /// <summary>A line was short of stock, or its SKU unknown.</summary>
    public const string OutOfStock = "out-of-stock";

    /// <summary>A line quoted another price than the catalogue's: the customer must see the new price and order again.</summary>
    public const string PriceChanged = "price-changed";

    /// <summary>A line's SKU has no catalogue price: it cannot be sold yet.</summary>
    public const string PriceNotSet = "price-not-set";
}

/// <summary>A line Inventory could not reserve.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Requested">Units the order asked for.</param>
/// <param name="Available">Units available (0 for an unknown SKU).</param>
/// <param name="Known">False when the SKU was never restocked.</param>
public sealed record Shortage(string Sku, int Requested, int Available, bool Known);

/// <summary>
/// Inventory's record of one order's reservation (keyed by order id): the decision, taken once, whether
/// every line is held, and what became of it. It makes the reservation all or nothing across SKUs, and
/// makes every message about the order idempotent.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(Reserved), "reserved")]
[JsonDerivedType(typeof(Failed), "failed")]
[JsonDerivedType(typeof(Committed), "committed")]
[JsonDerivedType(typeof(Released), "released")]
[JsonDerivedType(typeof(Voided), "voided")]
public abstract record StockReservationState
{
    private StockReservationState()
    {
    }

    /// <summary>
    /// The customer whose order this reservation is for, as its decision recorded it. The entity's owner under its access rule: that customer reads it, nobody else but staff; null until the
    /// service hears whose it is (such an entity only staff read).
    /// </summary>
    public string? CustomerId { get; init; }

    /// <summary>Nothing decided yet.</summary>
    public sealed record Uninitialized : StockReservationState;

    /// <summary>Every line is held.</summary>
    /// <param name="Lines">What is held, one line per SKU.</param>
    /// <param name="Total">What the order costs at catalogue prices; null for a reservation recorded before prices.</param>
    public sealed record Reserved(IReadOnlyList<ReservationLine> Lines, Money? Total = null) : StockReservationState;

    /// <summary>Some line could not be held, or was quoted a wrong price; nothing is held. Terminal.</summary>
    /// <param name="Shortages">The lines that were short or unknown.</param>
    /// <param name="Reason">Why, one of <see cref="ReservationFailureReasons"/>; null for a failure recorded before prices.</param>
    /// <param name="Prices">The lines whose price was not the catalogue's, or had none.</param>
    public sealed record Failed(IReadOnlyList<Shortage> Shortages, string? Reason = null, IReadOnlyList<PriceDifference>? Prices = null) : StockReservationState;

    /// <summary>The order was paid: the units are sold.</summary>
    /// <param name="Lines">What was sold.</param>
    public sealed record Committed(IReadOnlyList<ReservationLine> Lines) : StockReservationState;

    /// <summary>The units went back (payment failed, or the order was cancelled). Terminal.</summary>
    /// <param name="Lines">What went back.</param>
    /// <param name="Reason">Why.</param>
    public sealed record Released(IReadOnlyList<ReservationLine> Lines, string Reason) : StockReservationState;

    /// <summary>The order was cancelled before its reservation was decided: nothing will ever be held for it. Terminal.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Voided(string Reason) : StockReservationState;

    /// <summary>The state's name, as in its JSON <c>status</c>.</summary>
    [JsonIgnore]
    public string Name => StateNames<StockReservationState>.Of(this);
}
