using WeeEvents.Contracts;

namespace WeeEvents.Services.Shipping.Domain;

/// <summary>Only a scheduled shipment can be dispatched.</summary>
public sealed class ShipmentNotScheduled(AggregateId shipment, ShipmentState state)
    : DomainRuleViolation(shipment, state.Name, "dispatch-shipment", $"Shipment {shipment.Key} is {state.Name}; only a scheduled shipment can be dispatched.");

/// <summary>Only a dispatched shipment can be delivered.</summary>
public sealed class ShipmentNotDispatched(AggregateId shipment, ShipmentState state)
    : DomainRuleViolation(shipment, state.Name, "deliver-shipment", $"Shipment {shipment.Key} is {state.Name}; only a dispatched shipment can be delivered.");

/// <summary>
/// The order's payment was refunded but its goods are already with the carrier: the shipment cannot be
/// cancelled any more, and a person must recall it.
/// </summary>
public sealed class ShipmentAlreadyDispatched(AggregateId shipment, ShipmentState state)
    : DomainRuleViolation(shipment, state.Name, "cancel-shipment", $"Shipment {shipment.Key} is {state.Name}; it can no longer be cancelled.");

/// <summary>
/// A <c>PaymentSucceeded</c> whose amount or currency is not the order's total: not a payment this service believes, so
/// nothing is scheduled, and the message is parked with this reason.
/// </summary>
public sealed class PaymentDoesNotMatch(AggregateId shipment, ShipmentState state, Money expected, Money paid)
    : DomainRuleViolation(
        shipment,
        state.Name,
        "schedule-shipment",
        $"Shipment {shipment.Key} ships an order of {expected}; the payment says {paid}. Refused: nothing ships on it.");
