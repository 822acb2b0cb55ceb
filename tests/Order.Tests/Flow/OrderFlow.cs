using WeeEvents.Services.Inventory;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Domain.Commands;
using WeeEvents.Services.Inventory.Integration;
using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Order.Domain;
using WeeEvents.Services.Order.Integration;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Gateway;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Messaging;
using WeeEvents.Testing;
using PaymentInbound = WeeEvents.Services.Payment.Integration.PaymentInbound;
using PaymentIntegration = WeeEvents.Services.Payment.Integration.PaymentIntegration;
using WeeEvents.Services.Shipping;
using WeeEvents.Services.Shipping.Domain;
using ShippingInbound = WeeEvents.Services.Shipping.Integration.ShippingInbound;
using ShippingIntegration = WeeEvents.Services.Shipping.Integration.ShippingIntegration;
using InventoryWire = WeeEvents.Contracts.Inventory;
using OrderWire = WeeEvents.Contracts.Order;
using PaymentWire = WeeEvents.Contracts.Payment;
using ShippingWire = WeeEvents.Contracts.Shipping;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>
/// The four domains choreographed in memory through their contract mappings, with a bus that delivers
/// each message to each consuming service separately, in a random order, sometimes twice: at-least-once delivery
/// with reordering, as over RabbitMQ. Messages go where the services' own route tables send them, and each is
/// handled by the service's real route.
/// </summary>
internal sealed class OrderFlow
{
    private readonly Random _random;
    private readonly double _duplicates;
    private readonly List<(string Consumer, object Message)> _pending = [];
    private readonly IService<OrderState> _orders;
    private readonly IService<InventoryItemState> _items;
    private readonly IService<StockReservationState> _reservations;
    private readonly IService<PaymentState> _payments;
    private readonly IService<ShipmentState> _shipments;
    private readonly TestEventStore _paymentStore;
    private readonly Dictionary<string, MessageRoutes> _routes;
    private readonly Dictionary<string, IEventStore> _stores;

    /// <param name="seed">The seed of the delivery order.</param>
    /// <param name="duplicates">The chance that a delivered message stays pending, to be delivered again.</param>
    /// <param name="gateway">What Payment charges through, given the simulated gateway (by default, that gateway itself).</param>
    public OrderFlow(int seed, double duplicates = 0.2, Func<SimulatedPaymentGateway, IPaymentGateway>? gateway = null)
    {
        _random = new Random(seed);
        _duplicates = duplicates;
        var orderStore = Publishing(OrderIntegration.Outbound);
        var inventoryStore = Publishing(InventoryIntegration.Outbound);
        var paymentStore = Publishing(PaymentIntegration.Outbound);
        var shippingStore = Publishing(ShippingIntegration.Outbound);
        _orders = OrderService.Description.CreateService(orderStore);
        _items = InventoryItemService.Description.CreateService(inventoryStore);
        _reservations = StockReservationService.Description.CreateService(inventoryStore);
        var payments = PaymentService.Description(gateway?.Invoke(Gateway) ?? Gateway);
        _payments = payments.CreateService(paymentStore);
        _routes = new()
        {
            ["order"] = OrderInbound.Routes,
            ["inventory"] = InventoryInbound.Routes,
            ["payment"] = PaymentInbound.Routes(payments),
            ["shipping"] = ShippingInbound.Routes,
        };
        _stores = new() { ["order"] = orderStore, ["inventory"] = inventoryStore, ["payment"] = paymentStore, ["shipping"] = shippingStore };
        _paymentStore = paymentStore;
        _shipments = ShippingService.Description.CreateService(shippingStore);
    }

    public SimulatedPaymentGateway Gateway { get; } = new();

    public int Delivered { get; private set; }

    /// <summary>Stocks a SKU as a stock manager does: restocks it and sets its catalogue price (in euros).</summary>
    public async Task Restock(string sku, int quantity, decimal price)
    {
        await _items.ExecuteAsync(Inventory.Domain.Commands.Restock.Name, InventoryItemService.Description.Id(sku), new Restock.Command(quantity), Callers.AsService);
        await SetPrice(sku, price);
    }

    /// <summary>Restocks a SKU without giving it a price.</summary>
    public Task RestockOnly(string sku, int quantity) =>
        _items.ExecuteAsync(Inventory.Domain.Commands.Restock.Name, InventoryItemService.Description.Id(sku), new Restock.Command(quantity), Callers.AsService);

    /// <summary>Sets a SKU's catalogue price (in euros).</summary>
    public Task SetPrice(string sku, decimal price) =>
        _items.ExecuteAsync(Inventory.Domain.Commands.SetPrice.Name, InventoryItemService.Description.Id(sku), new SetPrice.Command(price, "EUR"), Callers.AsService);

    public Task<Entity<OrderState>> Execute<TCommand>(string orderId, string command, TCommand payload) =>
        _orders.ExecuteAsync(command, OrderService.Description.Id(orderId), payload, Callers.AsService);

    /// <summary>Delivers one pending message to one consumer, picked at random; false when none is left.</summary>
    public async Task<bool> DeliverOneAsync()
    {
        if (_pending.Count == 0)
        {
            return false;
        }

        var index = _random.Next(_pending.Count);
        var (consumer, message) = _pending[index];
        if (_random.NextDouble() >= _duplicates)
        {
            _pending.RemoveAt(index);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConsumeAsync(consumer, message);
                break;
            }
            catch (PaymentGatewayUnavailable) when (attempt < 5)
            {
                // The consumer's retry policy: the transient gateway failure is tried again.
            }
        }

        Delivered++;
        return true;
    }

    public async Task DeliverAllAsync()
    {
        while (await DeliverOneAsync())
        {
        }
    }

    public async Task<OrderState> OrderOf(string orderId) => (await _orders.LoadAsync(OrderService.Description.Id(orderId))).State;

    public async Task<IReadOnlyList<string>> PaymentEventsOf(string orderId) =>
        (await _paymentStore.LoadAsync(_payments.Description.Id(orderId))).Select(e => e.Type).ToArray();

    public Task<PaymentState> PaymentOf(string orderId) => StateOf(_payments, orderId);

    public Task<ShipmentState> ShipmentOf(string orderId) => StateOf(_shipments, orderId);

    public Task<StockReservationState> ReservationOf(string orderId) => StateOf(_reservations, orderId);

    public async Task<InventoryItemState.Stocked> ItemOf(string sku) =>
        (InventoryItemState.Stocked)(await _items.LoadAsync(InventoryItemService.Description.Id(sku))).State;

    private static async Task<TState> StateOf<TState>(IService<TState> service, string key)
    {
        try
        {
            return (await service.LoadAsync(service.Description.Id(key))).State;
        }
        catch (EntityNotAvailable)
        {
            return service.Description.Loader.Initial(service.Description.Id(key));
        }
    }

    /// <summary>A store that hands the contract each appended event publishes (by the service's own mapper) to the bus, as the outbox relay would.</summary>
    private TestEventStore Publishing(OutboxMapper outbound) => new()
    {
        AfterAppend = recorded =>
        {
            foreach (var contract in recorded.Select(outbound.ContractFor).OfType<object>())
            {
                Publish(contract);
            }

            return Task.CompletedTask;
        },
    };

    private void Publish(object contract)
    {
        var consumers = _routes.Where(r => r.Value.For(contract.GetType()).Any()).Select(r => r.Key).ToArray();
        // Outcomes for observers outside the flow (a completed or rejected order) have no route in it.
        if (consumers.Length == 0 && contract is not (OrderWire.OrderCompleted or OrderWire.OrderRejected))
        {
            throw new InvalidOperationException($"No route for {contract.GetType().Name}.");
        }

        _pending.AddRange(consumers.Select(c => (c, contract)));
    }

    /// <summary>The consuming service's own route for the message, run on that service's store.</summary>
    private Task ConsumeAsync(string consumer, object message) =>
        _routes[consumer].For(message.GetType()).Single().DeliverAsync(message, _stores[consumer]);
}
