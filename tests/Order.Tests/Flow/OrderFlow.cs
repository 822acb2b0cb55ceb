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
using PaymentInbound = WeeEvents.Services.Payment.Integration.PaymentInbound;
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
/// each message to each consumer separately, in a random order, sometimes twice: at-least-once delivery
/// with reordering, as over RabbitMQ. Consumers run the same mappings the real ones do.
/// </summary>
internal sealed class OrderFlow
{
    private readonly Random _random;
    private readonly double _duplicates;
    private readonly List<(string Consumer, object Message)> _pending = [];
    private readonly IService<OrderState> _orders;
    private readonly IService<InventoryItemState> _items;
    private readonly IService<StockReservationState> _reservations;
    private readonly OrderStockReservations _stock;
    private readonly IService<PaymentState> _payments;
    private readonly IService<ShipmentState> _shipments;
    private readonly PublishingStore _paymentStore;

    public OrderFlow(int seed, double duplicates = 0.2)
    {
        _random = new Random(seed);
        _duplicates = duplicates;
        var orderStore = new PublishingStore(OrderIntegration.ToContract, Publish);
        var inventoryStore = new PublishingStore(InventoryIntegration.ToContract, Publish);
        var paymentStore = new PublishingStore(WeeEvents.Services.Payment.Integration.PaymentIntegration.ToContract, Publish);
        var shippingStore = new PublishingStore(ShippingIntegration.ToContract, Publish);
        _orders = OrderService.Description.CreateService(orderStore);
        _items = InventoryItemService.Description.CreateService(inventoryStore);
        _reservations = StockReservationService.Description.CreateService(inventoryStore);
        _stock = new OrderStockReservations(_items, _reservations);
        _payments = PaymentService.Description(Gateway).CreateService(paymentStore);
        _paymentStore = paymentStore;
        _shipments = ShippingService.Description.CreateService(shippingStore);
    }

    public SimulatedPaymentGateway Gateway { get; } = new();

    public int Delivered { get; private set; }

    public Task Restock(string sku, int quantity) =>
        _items.ExecuteAsync(Inventory.Domain.Commands.Restock.Name, InventoryItemService.Description.Id(sku), new Restock.Command(quantity));

    public Task<Entity<OrderState>> Execute<TCommand>(string orderId, string command, TCommand payload) =>
        _orders.ExecuteAsync(command, OrderService.Description.Id(orderId), payload);

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

    private void Publish(object contract)
    {
        string[] consumers = contract switch
        {
            OrderWire.OrderPlaced => ["inventory", "payment", "shipping"],
            OrderWire.OrderCancelled => ["inventory", "payment", "shipping"],
            InventoryWire.StockReserved => ["payment", "order"],
            InventoryWire.StockReservationFailed => ["order", "payment", "shipping"],
            PaymentWire.PaymentSucceeded => ["inventory", "shipping", "order"],
            PaymentWire.PaymentFailed => ["inventory", "order"],
            PaymentWire.PaymentRefunded => ["shipping"],
            ShippingWire.ShipmentScheduled => ["order"],
            // Outcomes for observers outside the flow: nobody in it consumes them.
            OrderWire.OrderCompleted or OrderWire.OrderRejected => [],
            _ => throw new InvalidOperationException($"No route for {contract.GetType().Name}."),
        };
        _pending.AddRange(consumers.Select(c => (c, contract)));
    }

    private Task ConsumeAsync(string consumer, object message) => (consumer, message) switch
    {
        ("inventory", OrderWire.OrderPlaced m) => _stock.ReserveAsync(m.OrderId, m.Lines.Select(l => new ReservationLine(l.Sku, l.Quantity))),
        ("inventory", OrderWire.OrderCancelled m) => _stock.ReleaseAsync(m.OrderId, "order cancelled"),
        ("inventory", PaymentWire.PaymentFailed m) => _stock.ReleaseAsync(m.OrderId, "payment failed"),
        ("inventory", PaymentWire.PaymentSucceeded m) => _stock.CommitAsync(m.OrderId),
        ("payment", OrderWire.OrderPlaced m) => Run(_payments, PaymentInbound.From(m)),
        ("payment", OrderWire.OrderCancelled m) => Run(_payments, PaymentInbound.From(m)),
        ("payment", InventoryWire.StockReserved m) => Run(_payments, PaymentInbound.From(m)),
        ("payment", InventoryWire.StockReservationFailed m) => Run(_payments, PaymentInbound.From(m)),
        ("shipping", OrderWire.OrderPlaced m) => Run(_shipments, ShippingInbound.From(m)),
        ("shipping", OrderWire.OrderCancelled m) => Run(_shipments, ShippingInbound.From(m)),
        ("shipping", InventoryWire.StockReservationFailed m) => Run(_shipments, ShippingInbound.From(m)),
        ("shipping", PaymentWire.PaymentSucceeded m) => Run(_shipments, ShippingInbound.From(m)),
        ("shipping", PaymentWire.PaymentRefunded m) => Run(_shipments, ShippingInbound.From(m)),
        ("order", InventoryWire.StockReserved m) => Run(_orders, OrderInbound.From(m)),
        ("order", InventoryWire.StockReservationFailed m) => Run(_orders, OrderInbound.From(m)),
        ("order", PaymentWire.PaymentSucceeded m) => Run(_orders, OrderInbound.From(m)),
        ("order", PaymentWire.PaymentFailed m) => Run(_orders, OrderInbound.From(m)),
        ("order", ShippingWire.ShipmentScheduled m) => Run(_orders, OrderInbound.From(m)),
        _ => throw new InvalidOperationException($"{consumer} does not consume {message.GetType().Name}."),
    };

    private static Task<Entity<TState>> Run<TState, TCommand>(IService<TState> service, KeyedCommand<TCommand> command) =>
        service.ExecuteAsync(command.Name, service.Description.Id(command.Key), command.Payload);
}
