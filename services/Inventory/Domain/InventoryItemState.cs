using System.Collections.Immutable;
using System.Text.Json.Serialization;
using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Domain;

/// <summary>
/// The stock of one SKU: <c>available</c> to reserve, <c>reserved</c> for orders waiting for payment,
/// <c>committed</c> to paid orders. Available is never negative; available + reserved + committed is
/// everything ever restocked, and never more than <see cref="Stocked.MaxStock"/>, so no count can overflow.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(Stocked), "stocked")]
public abstract record InventoryItemState
{
    private InventoryItemState()
    {
    }

    /// <summary>A SKU never restocked nor priced: unknown, so orders for it are refused.</summary>
    public sealed record Uninitialized : InventoryItemState;

    /// <summary>
    /// A known SKU. Bounded however long its history: it holds the orders it holds units for (open reservations), not
    /// every order it ever served. What each paid order bought is on that order's <c>stock-reservation</c>, and the
    /// audit of every sale is in the events.
    /// </summary>
    /// <param name="Available">Units free to reserve.</param>
    /// <param name="Reserved">Units held for orders awaiting payment.</param>
    /// <param name="Committed">Units sold to paid orders.</param>
    /// <param name="Reservations">Units reserved, by order id: the open reservations only.</param>
    /// <param name="Price">The catalogue price of one unit; null until <c>set-price</c>, and then the SKU cannot be ordered.</param>
    public sealed record Stocked(
        int Available,
        int Reserved,
        int Committed,
        ImmutableSortedDictionary<string, int> Reservations,
        Money? Price = null) : InventoryItemState
    {
        /// <summary>Units reserved, by order id, compared ordinally however the state was made (a snapshot read from JSON too).</summary>
        public ImmutableSortedDictionary<string, int> Reservations { get; init; } = Reservations.WithComparers(StringComparer.Ordinal);

        /// <summary>
        /// The most units a SKU holds (available + reserved + committed): 1,000,000,000. Reserving, committing,
        /// releasing and returning only move units between the three, so each count and their sum stay within it.
        /// </summary>
        public const int MaxStock = 1_000_000_000;

        /// <summary>A SKU restocked for the first time.</summary>
        public static Stocked Initial(int quantity) =>
            new(quantity, 0, 0, ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal));

        /// <summary>Everything ever restocked: available + reserved + committed.</summary>
        [JsonIgnore]
        public int Stock => Available + Reserved + Committed;
    }

    /// <summary>The state's name, as in its JSON <c>status</c>.</summary>
    [JsonIgnore]
    public string Name => StateNames<InventoryItemState>.Of(this);
}
