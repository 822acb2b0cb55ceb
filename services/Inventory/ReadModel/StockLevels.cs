using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Hosting.Queries;
using WeeEvents.Services.Inventory.Domain.Events;

namespace WeeEvents.Services.Inventory.ReadModel;

/// <summary>The <c>stock_levels</c> table: every SKU's units and price, kept by a projection of the SKUs' events, and its list.</summary>
public static class StockLevels
{
    /// <summary>The projection.</summary>
    public static ProjectionDescription Projection { get; } = EntityFrameworkCore.Projections.Projection.Named("stock-levels")
        .Of(InventoryItemService.EntityType)   // the reservations of orders share the database and some event names
        .Stores<StockLevel>(b =>
        {
            b.ToTable("stock_levels");
            b.HasKey(s => s.Sku).HasName("pk_stock_levels");
            b.Property(s => s.Sku).HasColumnName("sku").HasMaxLength(200);
            b.Property(s => s.Available).HasColumnName("available");
            b.Property(s => s.Reserved).HasColumnName("reserved");
            b.Property(s => s.Committed).HasColumnName("committed");
            b.Property(s => s.Price).HasColumnName("price").HasPrecision(18, 2);
            b.Property(s => s.Currency).HasColumnName("currency").HasMaxLength(3);
            b.Property(s => s.ChangedAt).HasColumnName("changed_at");
            b.HasIndex(s => s.Available).HasDatabaseName("ix_stock_levels_available");
        })
        // Each event moves units exactly as the SKU's reducer does; the SKU records only what its rules allowed.
        .On<PriceSet.Data>(PriceSet.Name, async (rows, e) =>
        {
            var level = await rows.FindOrAddAsync(e.Aggregate.Key, () => new StockLevel { Sku = e.Aggregate.Key });
            (level.Price, level.Currency, level.ChangedAt) = (e.Data.Amount, e.Data.Currency, e.Timestamp);
        })
        .On<ItemRestocked.Data>(ItemRestocked.Name, (rows, e) => MoveAsync(rows, e, available: e.Data.Quantity))
        .On<StockReserved.Data>(StockReserved.Name, (rows, e) => MoveAsync(rows, e, available: -e.Data.Quantity, reserved: e.Data.Quantity))
        .On<StockReleased.Data>(StockReleased.Name, (rows, e) => MoveAsync(rows, e, available: e.Data.Quantity, reserved: -e.Data.Quantity))
        .On<StockCommitted.Data>(StockCommitted.Name, (rows, e) => MoveAsync(rows, e, reserved: -e.Data.Quantity, committed: e.Data.Quantity))
        .On<StockReturned.Data>(StockReturned.Name, (rows, e) => MoveAsync(rows, e, available: e.Data.Quantity, committed: -e.Data.Quantity))
        .Description();

    /// <summary>
    /// <c>GET /inventory-item?belowAvailable=</c>: stock levels by SKU, for inventory managers and operators (as
    /// <see cref="InventoryItemService.Access"/> says).
    /// </summary>
    public static QueryDescription<StockLevel> Query { get; } = Hosting.Queries.Query
        .Over(Projection, InventoryItemService.EntityType, InventoryItemService.Access, (StockLevel s) => s.Sku,
            "Stock levels and prices of every SKU, by SKU, as the read side has them (a change shows once projected, normally well under a second later).")
        .Number("belowAvailable", "Only SKUs with fewer units available than this: what to restock.", 1, int.MaxValue, (rows, n) => rows.Where(s => s.Available < n))
        .Description();

    private static async Task MoveAsync<TData>(ProjectionContext rows, RecordedEvent<TData> e, int available = 0, int reserved = 0, int committed = 0)
    {
        var level = await rows.FindOrAddAsync(e.Aggregate.Key, () => new StockLevel { Sku = e.Aggregate.Key });
        level.Available += available;
        level.Reserved += reserved;
        level.Committed += committed;
        level.ChangedAt = e.Timestamp;
    }
}
