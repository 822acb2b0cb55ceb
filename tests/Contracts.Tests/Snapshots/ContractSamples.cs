using WeeEvents.Contracts.Inventory;
using WeeEvents.Contracts.Order;
using WeeEvents.Contracts.Payment;
using WeeEvents.Contracts.Privacy;
using WeeEvents.Contracts.Shipping;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// One message of each contract as a publisher sends it, with every optional field filled: recorded under
/// <c>shared/Contracts/schemas/</c> and kept with each release, so later builds are tested against what earlier ones sent.
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The sample of <paramref name="contract"/>.</summary>
    /// <exception cref="InvalidOperationException">The contract has no sample yet.</exception>
    public static object For(Contract contract) =>
        Samples.TryGetValue(contract.Type, out var sample)
            ? sample
            : throw new InvalidOperationException(
                $"{contract} has no sample: add one to {nameof(ContractSamples)}, with every optional field filled.");

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(OrderPlaced)] = new OrderPlaced(
            "order-1",
            "customer-1",
            "EUR",
            [new Order.OrderLine("sku-1", 2, 9.99m), new Order.OrderLine("sku-2", 1, 120.50m)],
            140.48m,
            new ShippingAddress("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB", Line2: "Flat 2"),
            "tok_visa",
            At),
        [typeof(OrderCancelled)] = new OrderCancelled("order-1", "changed my mind", At),
        [typeof(OrderCompleted)] = new OrderCompleted("order-1", "simulated-post", "SP-0001", At),
        [typeof(OrderRejected)] = new OrderRejected("order-1", "sku-2: 1 requested, 0 available", At),
        [typeof(ShippingAddressChanged)] = new ShippingAddressChanged(
            "order-1",
            "customer-1",
            new ShippingAddress("Ada Lovelace", "2 Side St", "London", "N1 9GV", "GB", Line2: "Flat 3"),
            At),
        [typeof(StockReserved)] = new StockReserved("order-1", [new StockLine("sku-1", 2), new StockLine("sku-2", 1)], At, 140.48m, "EUR"),
        [typeof(StockReservationFailed)] = new StockReservationFailed(
            "order-1",
            [new StockShortage("sku-2", 1, 0, Known: true), new StockShortage("sku-9", 3, 0, Known: false)],
            At,
            "out-of-stock",
            "sku-2: 1 requested, 0 available; sku-9: unknown SKU"),
        [typeof(PaymentSucceeded)] = new PaymentSucceeded("order-1", "payment.order-1", 140.48m, "EUR", "txn-0001", At),
        [typeof(PaymentFailed)] = new PaymentFailed("order-1", "payment.order-1", "card declined", At),
        [typeof(PaymentRefunded)] = new PaymentRefunded("order-1", "payment.order-1", 140.48m, "EUR", At),
        [typeof(ShipmentScheduled)] = new ShipmentScheduled("order-1", "simulated-post", "SP-0001", At),
        [typeof(CustomerForgotten)] = new CustomerForgotten("customer-1", At),
    };
}
