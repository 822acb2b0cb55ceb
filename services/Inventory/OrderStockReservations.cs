using WeeEvents.Contracts;
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
/// <param name="items">The SKUs.</param>
/// <param name="reservations">The orders' reservations.</param>
/// <param name="options">Who runs the commands (the Inventory service itself), under which correlation.</param>
public sealed class OrderStockReservations(IService<InventoryItemState> items, IService<StockReservationState> reservations, CommandOptions options)
{
    /// <summary>The Inventory service, the only one that reserves: what its own commands run as outside a message.</summary>
    public static readonly Caller.Service Inventory = new("inventory");

    /// <summary>Runs both aggregates on <paramref name="store"/>, as the Inventory service (<see cref="Inventory"/>).</summary>
    public static OrderStockReservations On(IEventStore store, ServiceOptions? options = null) => new(
        InventoryItemService.Description.CreateService(store, options),
        StockReservationService.Description.CreateService(store, options),
        new CommandOptions { Caller = Inventory });

    /// <summary>Runs both aggregates on the store of <paramref name="message"/>'s unit of work, as its route's caller.</summary>
    public static OrderStockReservations On<TMessage>(Inbound<TMessage> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Service(InventoryItemService.Description), message.Service(StockReservationService.Description), message.CommandOptions);
    }

    /// <summary>
    /// Reserves every line of the order or none, at catalogue prices. Lines of one SKU are summed. Every SKU must have a
    /// price in the order's <paramref name="currency"/> equal to the unit price each of its lines quotes (what the
    /// customer saw); otherwise nothing is reserved and the reservation fails with
    /// <see cref="ReservationFailureReasons.PriceChanged"/> or <see cref="ReservationFailureReasons.PriceNotSet"/>.
    /// A reservation decided before (a redelivery, or a cancellation that came first) is returned as it is and
    /// nothing is recorded. The reservation, reserved or failed, belongs to <paramref name="customerId"/> (the order's
    /// customer), who alone of the clients may read it.
    /// </summary>
    /// <returns>The reservation after the attempt: reserved (with the order's total at catalogue prices), failed, or as it already was.</returns>
    public async Task<StockReservationState> ReserveAsync(string orderId, string currency, IEnumerable<OrderedLine> lines, string? customerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentNullException.ThrowIfNull(lines);
        var current = await LoadReservationAsync(orderId, cancellationToken);
        if (current is not StockReservationState.Uninitialized)
        {
            return current;
        }

        var wanted = lines
            .GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new Wanted(g.Key, g.Sum(l => l.Quantity), [.. g.Select(l => new Money(l.UnitPrice, currency)).Distinct()]))
            .OrderBy(l => l.Sku, StringComparer.Ordinal) // one lock order across SKUs, for databases that lock rows
            .ToArray();

        var check = await CheckAsync(orderId, wanted, cancellationToken);
        if (check.Refused() is { } refusal)
        {
            // Units held from an earlier, interrupted attempt go back too: nothing stays held for a failed order.
            await ReleaseLinesAsync(orderId, check.AlreadyHeld, cancellationToken);
            return await FailAsync(orderId, refusal with { CustomerId = customerId }, cancellationToken);
        }

        var reserved = new List<ReservationLine>(wanted.Length);
        foreach (var line in wanted)
        {
            var price = check.Prices[line.Sku];
            try
            {
                await items.ExecuteAsync(ReserveStock.Name, Item(line.Sku), new ReserveStock.Command(orderId, line.Quantity, price), options, cancellationToken);
                reserved.Add(line.Held);
            }
            catch (Exception e) when (e is InsufficientStock or UnknownSku or PriceChanged or PriceNotSet)
            {
                // Another order took the stock, or the price was set, since the check: undo this order's part before
                // recording the failure.
                await ReleaseLinesAsync(orderId, reserved, cancellationToken);
                return await FailAsync(orderId, e switch
                {
                    InsufficientStock shortfall => Refusal.Short(new Shortage(line.Sku, line.Quantity, shortfall.Available, Known: true)),
                    UnknownSku => Refusal.Short(new Shortage(line.Sku, line.Quantity, 0, Known: false)),
                    PriceChanged changed => Refusal.Priced(new PriceDifference(line.Sku, changed.Quoted, changed.Catalogue)),
                    _ => Refusal.Priced(new PriceDifference(line.Sku, price, null)),
                } with { CustomerId = customerId }, cancellationToken);
            }
        }

        var total = new Money(wanted.Sum(l => l.Quantity * check.Prices[l.Sku].Amount), currency);
        var entity = await reservations.ExecuteAsync(
            ConfirmReservation.Name, Reservation(orderId), new ConfirmReservation.Command([.. wanted.Select(l => l.Held)], total, customerId), options, cancellationToken);
        return entity.State;
    }

    /// <summary>
    /// The order was paid: sells its reserved units. Released before (a cancellation won the race), it records
    /// nothing. The reservation is checked first, so a payment it refuses sells nothing.
    /// </summary>
    /// <param name="orderId">The order.</param>
    /// <param name="paid">What the payment says was charged: refused unless it is the reservation's total.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ReservationNotFound">Nothing was ever reserved for the order.</exception>
    /// <exception cref="ReservationNotHeld">The order's reservation failed or was voided: it holds nothing.</exception>
    /// <exception cref="PaymentDoesNotMatch">The payment is not for the reservation's total.</exception>
    public async Task<StockReservationState> CommitAsync(string orderId, Money? paid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var before = await LoadReservationAsync(orderId, cancellationToken);
        var entity = await reservations.ExecuteAsync(CommitReservation.Name, Reservation(orderId), new CommitReservation.Command(paid), options, cancellationToken);
        if (before is StockReservationState.Reserved reserved)
        {
            foreach (var line in reserved.Lines)
            {
                await items.ExecuteAsync(CommitStock.Name, Item(line.Sku), new CommitStock.Command(orderId), options, cancellationToken);
            }
        }

        return entity.State;
    }

    /// <summary>
    /// The payment failed or the order was cancelled: gives back whatever the order holds, reserved or
    /// sold. Heard before the order was reserved, it voids the reservation so nothing is ever held. Sold units are
    /// returned by the quantities the reservation recorded: the SKUs keep no record of each sale.
    /// </summary>
    public async Task<StockReservationState> ReleaseAsync(string orderId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        switch (await LoadReservationAsync(orderId, cancellationToken))
        {
            case StockReservationState.Reserved reserved:
                await ReleaseLinesAsync(orderId, reserved.Lines, cancellationToken);
                break;
            case StockReservationState.Committed committed:
                foreach (var line in committed.Lines)
                {
                    await items.ExecuteAsync(ReturnStock.Name, Item(line.Sku), new ReturnStock.Command(orderId, line.Quantity), options, cancellationToken);
                }

                break;
        }

        var entity = await reservations.ExecuteAsync(ReleaseReservation.Name, Reservation(orderId), new ReleaseReservation.Command(reason), options, cancellationToken);
        return entity.State;
    }

    private async Task<Check> CheckAsync(string orderId, IReadOnlyList<Wanted> wanted, CancellationToken cancellationToken)
    {
        var check = new Check();
        foreach (var line in wanted)
        {
            var state = await LoadOrDefaultAsync(items, Item(line.Sku), cancellationToken);
            if (state is not InventoryItemState.Stocked stocked)
            {
                check.Shortages.Add(new Shortage(line.Sku, line.Quantity, 0, Known: false));
                continue;
            }

            // The price is checked first: an order quoted a wrong price is refused whatever the stock.
            if (stocked.Price is not { } price)
            {
                check.PriceDifferences.Add(new PriceDifference(line.Sku, line.Quoted[0], null));
            }
            else if (line.Quoted.FirstOrDefault(q => q != price) is { } quoted)
            {
                check.PriceDifferences.Add(new PriceDifference(line.Sku, quoted, price));
            }
            else
            {
                check.Prices[line.Sku] = price;
            }

            if (stocked.Reservations.ContainsKey(orderId))
            {
                check.AlreadyHeld.Add(line.Held);
            }
            else if (stocked.Available < line.Quantity)
            {
                check.Shortages.Add(new Shortage(line.Sku, line.Quantity, stocked.Available, Known: true));
            }
        }

        return check;
    }

    private async Task ReleaseLinesAsync(string orderId, IEnumerable<ReservationLine> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await items.ExecuteAsync(ReleaseStock.Name, Item(line.Sku), new ReleaseStock.Command(orderId), options, cancellationToken);
        }
    }

    private async Task<StockReservationState> FailAsync(string orderId, Refusal refusal, CancellationToken cancellationToken)
    {
        var entity = await reservations.ExecuteAsync(
            FailReservation.Name, Reservation(orderId), new FailReservation.Command(refusal.Shortages, refusal.Reason, refusal.Prices, refusal.CustomerId), options, cancellationToken);
        return entity.State;
    }

    private Task<StockReservationState> LoadReservationAsync(string orderId, CancellationToken cancellationToken) =>
        LoadOrDefaultAsync(reservations, Reservation(orderId), cancellationToken);

    private static async Task<TState> LoadOrDefaultAsync<TState>(IService<TState> service, AggregateId id, CancellationToken cancellationToken) =>
        (await service.LoadOrInitialAsync(id, cancellationToken)).State;

    private AggregateId Item(string sku) => items.Description.Id(sku);

    private AggregateId Reservation(string orderId) => reservations.Description.Id(orderId);

    /// <summary>One SKU of the order: its lines summed, and every distinct price they quote.</summary>
    private sealed record Wanted(string Sku, int Quantity, IReadOnlyList<Money> Quoted)
    {
        public ReservationLine Held => new(Sku, Quantity);
    }

    /// <summary>What the check found: catalogue prices by SKU, and what stands in the way.</summary>
    private sealed class Check
    {
        public Dictionary<string, Money> Prices { get; } = new(StringComparer.Ordinal);

        public List<Shortage> Shortages { get; } = [];

        public List<PriceDifference> PriceDifferences { get; } = [];

        public List<ReservationLine> AlreadyHeld { get; } = [];

        /// <summary>Null when every SKU is known, priced as quoted and in stock.</summary>
        public Refusal? Refused() =>
            Shortages.Count == 0 && PriceDifferences.Count == 0 ? null : new Refusal(Shortages, Refusal.ReasonFor(PriceDifferences), PriceDifferences);
    }
}

/// <summary>Why a reservation failed: its short lines, its wrong prices, and the reason they add up to.</summary>
internal sealed record Refusal(IReadOnlyList<Shortage> Shortages, string Reason, IReadOnlyList<PriceDifference> Prices, string? CustomerId = null)
{
    public static Refusal Short(Shortage shortage) => new([shortage], ReservationFailureReasons.OutOfStock, []);

    public static Refusal Priced(PriceDifference difference) => new([], ReasonFor([difference]), [difference]);

    /// <summary>A SKU without a price outranks a changed price, which outranks a shortage: each asks something else of someone.</summary>
    public static string ReasonFor(IReadOnlyList<PriceDifference> prices) =>
        prices.Any(p => p.Catalogue is null) ? ReservationFailureReasons.PriceNotSet
        : prices.Count > 0 ? ReservationFailureReasons.PriceChanged
        : ReservationFailureReasons.OutOfStock;
}
