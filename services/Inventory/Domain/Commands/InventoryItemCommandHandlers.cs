using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain.Events;

namespace WeeEvents.Services.Inventory.Domain.Commands;

/// <summary>
/// The business rules of a SKU's stock. What an order holds is keyed by its id, so a repeated or late message records
/// nothing. What an order bought is not kept here (the state stays bounded): the order's <c>stock-reservation</c>,
/// committed in the same unit of work as every SKU command of the order flow, decides once whether units are reserved,
/// sold or returned.
/// </summary>
public static class InventoryItemCommandHandlers
{
    /// <summary>Units arrive; refused when they would take the SKU past <see cref="InventoryItemState.Stocked.MaxStock"/>.</summary>
    public static Task Restock(IPublisher publisher, Entity<InventoryItemState> entity, Restock.Command command, CancellationToken cancellationToken)
    {
        // Summed in long, so the check itself cannot overflow. The validator caps one restock; this caps the sum.
        if (entity.State is InventoryItemState.Stocked stocked
            && (long)stocked.Available + stocked.Reserved + stocked.Committed + command.Quantity > InventoryItemState.Stocked.MaxStock)
        {
            throw new StockLimitExceeded(entity.Aggregate, stocked.Stock, command.Quantity);
        }

        publisher.Publish(ItemRestocked.Name, new ItemRestocked.Data(command.Quantity));
        return Task.CompletedTask;
    }

    /// <summary>The catalogue price becomes the new one; setting the same price again records nothing.</summary>
    public static Task SetPrice(IPublisher publisher, Entity<InventoryItemState> entity, SetPrice.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is not InventoryItemState.Stocked { Price: { } price } || price != new Money(command.Amount, command.Currency))
        {
            publisher.Publish(PriceSet.Name, new PriceSet.Data(command.Amount, command.Currency));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Reserves for an order if enough is available at the price the order is charged; refuses an unknown SKU, one
    /// without a price, a price that changed since the reservation read it, or a shortfall (never below zero).
    /// An order that already holds units of this SKU records nothing; one that bought them never asks again, since its
    /// reservation is decided.
    /// </summary>
    public static Task Reserve(IPublisher publisher, Entity<InventoryItemState> entity, ReserveStock.Command command, CancellationToken cancellationToken)
    {
        var stocked = entity.State as InventoryItemState.Stocked ?? throw new UnknownSku(entity.Aggregate, ReserveStock.Name);
        if (stocked.Reservations.ContainsKey(command.OrderId))
        {
            return Task.CompletedTask;
        }

        var price = stocked.Price ?? throw new PriceNotSet(entity.Aggregate, ReserveStock.Name);
        if (price != command.Price)
        {
            throw new PriceChanged(entity.Aggregate, price, command.Price);
        }

        if (stocked.Available < command.Quantity)
        {
            throw new InsufficientStock(entity.Aggregate, stocked.Available, command.Quantity);
        }

        publisher.Publish(StockReserved.Name, new StockReserved.Data(command.OrderId, command.Quantity));
        return Task.CompletedTask;
    }

    /// <summary>Gives back the units the order holds reserved. An order holding nothing records nothing.</summary>
    public static Task Release(IPublisher publisher, Entity<InventoryItemState> entity, ReleaseStock.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is InventoryItemState.Stocked stocked && stocked.Reservations.TryGetValue(command.OrderId, out var reserved))
        {
            publisher.Publish(StockReleased.Name, new StockReleased.Data(command.OrderId, reserved));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes back units sold to an order cancelled after its payment went through (and refunded): committed →
    /// available. The quantity comes from the order's reservation, which records the return once; more than the SKU
    /// has committed cannot be a sale of this SKU, and records nothing.
    /// </summary>
    public static Task Return(IPublisher publisher, Entity<InventoryItemState> entity, ReturnStock.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is InventoryItemState.Stocked stocked && stocked.Committed >= command.Quantity)
        {
            publisher.Publish(StockReturned.Name, new StockReturned.Data(command.OrderId, command.Quantity));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sells what the order reserved. Already committed, or released first (the order was cancelled while
    /// its payment went through: Payment refunds it), records nothing.
    /// </summary>
    public static Task Commit(IPublisher publisher, Entity<InventoryItemState> entity, CommitStock.Command command, CancellationToken cancellationToken)
    {
        if (entity.State is InventoryItemState.Stocked stocked && stocked.Reservations.TryGetValue(command.OrderId, out var reserved))
        {
            publisher.Publish(StockCommitted.Name, new StockCommitted.Data(command.OrderId, reserved));
        }

        return Task.CompletedTask;
    }
}
