using WeeEvents.Messaging;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Inventory.Reservations.Commands;

namespace WeeEvents.Services.Inventory;

/// <summary>
/// An order's reservation across its SKUs, all or nothing: what Inventory's consumers run for
/// <c>OrderPlaced</c> (<see cref="ReserveAsync"/>), <c>PaymentSucceeded</c> (<see cref="CommitAsync"/>) and
/// <c>PaymentFailed</c> / <c>OrderCancelled</c> (<see cref="ReleaseAsync"/>).
/// </summary>
/// <remarks>
/// <para>
/// Run it on the event store of one unit of work so that the SKUs' events, the reservation's event and its
/// outbox row commit together. The per-order <c>stock-reservation</c> aggregate records the decision once,
/// which makes every message idempotent and absorbs reordering (a cancellation heard before the order was
/// placed voids it, so a late <c>OrderPlaced</c> reserves nothing).
/// </para>
/// <para>
/// All or nothing: every SKU is checked first; if any is unknown or short, nothing is reserved and the
/// reservation fails. If a concurrent order takes the stock between the check and the reservation (the
/// SKU's handler refuses, since available never goes below zero), the lines already reserved for this
/// order are released in the same unit of work before the failure is recorded, so the commit never holds
/// part of an order. Every step is idempotent, so running it again after a crash completes it.
/// </para>
/// </remarks>
public sealed class OrderStockReservations(IService<InventoryItemState> items, IService<StockReservationState> reservations)
{
    /// <summary>Runs both aggregates on <paramref name="store"/> (the unit of work's store, in a consumer).</summary>
    public static OrderStockReservations On(IEventStore store, ServiceOptions? options = null) => new(
        InventoryItemService.Description.CreateService(store, options),
        StockReservationService.Description.CreateService(store, options));

    /// <summary>Runs both aggregates on the store of <paramref name="message"/>'s unit of work.</summary>
    public static OrderStockReservations On<TMessage>(Inbound<TMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Service(InventoryItemService.Description), message.Service(StockReservationService.Description));
    }

    /// <summary>
    /// Reserves every line of the order or none. Lines of one SKU are summed. A reservation decided before
    /// (a redelivery, or a cancellation that came first) is returned as it is and nothing is recorded.
    /// </summary>
    /// <returns>The reservation after the attempt: reserved, failed, or as it already was.</returns>
    public async Task<StockReservationState> ReserveAsync(string orderId, IEnumerable<ReservationLine> lines, CommandOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var current = await LoadReservationAsync(orderId, cancellationToken);
        if (current is not StockReservationState.Uninitialized)
        {
            return current;
        }

        var wanted = lines
            .GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new ReservationLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal) // one lock order across SKUs, for databases that lock rows
            .ToArray();

        var (shortages, alreadyHeld) = await CheckAsync(orderId, wanted, cancellationToken);
        if (shortages.Count > 0)
        {
            // Units held from an earlier, interrupted attempt go back too: nothing stays held for a failed order.
            await ReleaseLinesAsync(orderId, alreadyHeld, options, cancellationToken);
            return await FailAsync(orderId, shortages, options, cancellationToken);
        }

        var reserved = new List<ReservationLine>(wanted.Length);
        foreach (var line in wanted)
        {
            try
            {
                await items.ExecuteAsync(ReserveStock.Name, Item(line.Sku), new ReserveStock.Command(orderId, line.Quantity), options, cancellationToken);
                reserved.Add(line);
            }
            catch (Exception e) when (e is InsufficientStock or UnknownSku)
            {
                // Another order took the stock since the check: undo this order's part before recording the failure.
                await ReleaseLinesAsync(orderId, reserved, options, cancellationToken);
                var shortage = e is InsufficientStock shortfall
                    ? new Shortage(line.Sku, line.Quantity, shortfall.Available, Known: true)
                    : new Shortage(line.Sku, line.Quantity, 0, Known: false);
                return await FailAsync(orderId, [shortage], options, cancellationToken);
            }
        }

        var entity = await reservations.ExecuteAsync(ConfirmReservation.Name, Reservation(orderId), new ConfirmReservation.Command(wanted), options, cancellationToken);
        return entity.State;
    }

    /// <summary>
    /// The order was paid: sells its reserved units. Released before (a cancellation won the race), it
    /// records nothing.
    /// </summary>
    /// <exception cref="ReservationNotFound">Nothing was ever reserved for the order.</exception>
    public async Task<StockReservationState> CommitAsync(string orderId, CommandOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (await LoadReservationAsync(orderId, cancellationToken) is StockReservationState.Reserved reserved)
        {
            foreach (var line in reserved.Lines)
            {
                await items.ExecuteAsync(CommitStock.Name, Item(line.Sku), new CommitStock.Command(orderId), options, cancellationToken);
            }
        }

        var entity = await reservations.ExecuteAsync(CommitReservation.Name, Reservation(orderId), new CommitReservation.Command(), options, cancellationToken);
        return entity.State;
    }

    /// <summary>
    /// The payment failed or the order was cancelled: gives back whatever the order holds, reserved or
    /// sold. Heard before the order was reserved, it voids the reservation so nothing is ever held.
    /// </summary>
    public async Task<StockReservationState> ReleaseAsync(string orderId, string reason, CommandOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var lines = await LoadReservationAsync(orderId, cancellationToken) switch
        {
            StockReservationState.Reserved r => r.Lines,
            StockReservationState.Committed c => c.Lines,
            _ => [],
        };
        await ReleaseLinesAsync(orderId, lines, options, cancellationToken);
        var entity = await reservations.ExecuteAsync(ReleaseReservation.Name, Reservation(orderId), new ReleaseReservation.Command(reason), options, cancellationToken);
        return entity.State;
    }

    private async Task<(List<Shortage> Shortages, List<ReservationLine> AlreadyHeld)> CheckAsync(string orderId, IReadOnlyList<ReservationLine> wanted, CancellationToken cancellationToken)
    {
        var shortages = new List<Shortage>();
        var alreadyHeld = new List<ReservationLine>();
        foreach (var line in wanted)
        {
            var state = await LoadOrDefaultAsync(items, Item(line.Sku), cancellationToken);
            switch (state)
            {
                case InventoryItemState.Stocked s when s.Reservations.ContainsKey(orderId):
                    alreadyHeld.Add(line);
                    break;
                case InventoryItemState.Stocked s when s.Available < line.Quantity:
                    shortages.Add(new Shortage(line.Sku, line.Quantity, s.Available, Known: true));
                    break;
                case InventoryItemState.Uninitialized:
                    shortages.Add(new Shortage(line.Sku, line.Quantity, 0, Known: false));
                    break;
            }
        }

        return (shortages, alreadyHeld);
    }

    private async Task ReleaseLinesAsync(string orderId, IEnumerable<ReservationLine> lines, CommandOptions? options, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await items.ExecuteAsync(ReleaseStock.Name, Item(line.Sku), new ReleaseStock.Command(orderId), options, cancellationToken);
        }
    }

    private async Task<StockReservationState> FailAsync(string orderId, IReadOnlyList<Shortage> shortages, CommandOptions? options, CancellationToken cancellationToken)
    {
        var entity = await reservations.ExecuteAsync(FailReservation.Name, Reservation(orderId), new FailReservation.Command(shortages), options, cancellationToken);
        return entity.State;
    }

    private Task<StockReservationState> LoadReservationAsync(string orderId, CancellationToken cancellationToken) =>
        LoadOrDefaultAsync(reservations, Reservation(orderId), cancellationToken);

    private static async Task<TState> LoadOrDefaultAsync<TState>(IService<TState> service, AggregateId id, CancellationToken cancellationToken) =>
        (await service.LoadOrInitialAsync(id, cancellationToken)).State;

    private AggregateId Item(string sku) => items.Description.Id(sku);

    private AggregateId Reservation(string orderId) => reservations.Description.Id(orderId);
}
