using WeeEvents.Contracts;

namespace WeeEvents.Services.Order.Domain;

/// <summary>The order id was already used for a different order: an order is placed once.</summary>
public sealed class OrderAlreadyPlaced(AggregateId order, OrderState state)
    : DomainRuleViolation(order, state.Name, "place-order", $"Order {order.Key} was already placed with other content; use a new order id.");

/// <summary>The command needs an order that was placed.</summary>
public sealed class OrderNotPlaced(AggregateId order, string operation)
    : DomainRuleViolation(order, "uninitialized", operation, $"Order {order.Key} was never placed; {operation} needs a placed order.");

/// <summary>Only an order not yet paid can be cancelled; terminal orders never change.</summary>
public sealed class OrderCannotBeCancelled(AggregateId order, OrderState state)
    : DomainRuleViolation(order, state.Name, "cancel-order", $"Order {order.Key} is {state.Name}; only an order not yet paid can be cancelled.");

/// <summary>
/// A <c>PaymentSucceeded</c> for another amount or currency than the order expects (the total at catalogue prices
/// recorded at <c>mark-stock-reserved</c>, or its own total): not a payment the order believes. Refused, so the order
/// stays unpaid and the message is parked with this reason.
/// </summary>
public sealed class PaymentDoesNotMatch(AggregateId order, OrderState state, Money expected, Money paid)
    : DomainRuleViolation(order, state.Name, "mark-paid", $"Order {order.Key} expects a payment of {expected}; the payment says {paid}. Refused: the order stays unpaid.");
