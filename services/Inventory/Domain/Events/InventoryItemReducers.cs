using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Domain.Events;

/// <summary>How each event changes a SKU's stock. Pure; an event that does not fit the state leaves it unchanged.</summary>
public static class InventoryItemReducers
{
    /// <summary>Available up; the first restock makes the SKU known.</summary>
    public static InventoryItemState Restocked(InventoryItemState state, RecordedEvent<ItemRestocked.Data> e) => state switch
    {
        InventoryItemState.Uninitialized => InventoryItemState.Stocked.Initial(e.Data.Quantity),
        InventoryItemState.Stocked s => s with { Available = s.Available + e.Data.Quantity },
        _ => state,
    };

    /// <summary>The price is the new one; a price set before any restock makes the SKU known with nothing available.</summary>
    public static InventoryItemState PriceSet(InventoryItemState state, RecordedEvent<PriceSet.Data> e) => state switch
    {
        InventoryItemState.Uninitialized => InventoryItemState.Stocked.Initial(0) with { Price = new Money(e.Data.Amount, e.Data.Currency) },
        InventoryItemState.Stocked s => s with { Price = new Money(e.Data.Amount, e.Data.Currency) },
        _ => state,
    };

    /// <summary>available → reserved, for the order.</summary>
    public static InventoryItemState Reserved(InventoryItemState state, RecordedEvent<StockReserved.Data> e) =>
        state is InventoryItemState.Stocked s && !s.Reservations.ContainsKey(e.Data.OrderId)
            ? s with
            {
                Available = s.Available - e.Data.Quantity,
                Reserved = s.Reserved + e.Data.Quantity,
                Reservations = s.Reservations.Add(e.Data.OrderId, e.Data.Quantity),
            }
            : state;

    /// <summary>reserved → available, for the order.</summary>
    public static InventoryItemState Released(InventoryItemState state, RecordedEvent<StockReleased.Data> e) =>
        state is InventoryItemState.Stocked s && s.Reservations.TryGetValue(e.Data.OrderId, out var quantity)
            ? s with
            {
                Available = s.Available + quantity,
                Reserved = s.Reserved - quantity,
                Reservations = s.Reservations.Remove(e.Data.OrderId),
            }
            : state;

    /// <summary>reserved → committed, for the order.</summary>
    public static InventoryItemState Committed(InventoryItemState state, RecordedEvent<StockCommitted.Data> e) =>
        state is InventoryItemState.Stocked s && s.Reservations.TryGetValue(e.Data.OrderId, out var quantity)
            ? s with
            {
                Reserved = s.Reserved - quantity,
                Committed = s.Committed + quantity,
                Reservations = s.Reservations.Remove(e.Data.OrderId),
            }
            : state;

    /// <summary>committed → available: the units the event names (the SKU keeps no record of each sale).</summary>
    public static InventoryItemState Returned(InventoryItemState state, RecordedEvent<StockReturned.Data> e) =>
        state is InventoryItemState.Stocked s && e.Data.Quantity > 0 && s.Committed >= e.Data.Quantity
            ? s with
            {
                Available = s.Available + e.Data.Quantity,
                Committed = s.Committed - e.Data.Quantity,
            }
            : state;
}
