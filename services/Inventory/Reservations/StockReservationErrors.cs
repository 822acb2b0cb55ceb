using WeeEvents.Contracts;

namespace WeeEvents.Services.Inventory.Reservations;

/// <summary>An order's reservation is decided once: it cannot be confirmed or failed again differently.</summary>
public sealed class ReservationAlreadyDecided(AggregateId reservation, StockReservationState state, string operation)
    : DomainRuleViolation(reservation, state.Name, operation, $"The reservation of order {reservation.Key} is already {state.Name}.");

/// <summary>Nothing was ever reserved for the order, so there is nothing to commit.</summary>
public sealed class ReservationNotFound(AggregateId reservation, string operation)
    : DomainRuleViolation(reservation, "uninitialized", operation, $"Order {reservation.Key} has no reservation; {operation} needs one.");

/// <summary>
/// A payment for an order whose reservation failed or was voided: Inventory holds nothing for it, so nothing is sold,
/// and the message is parked with this reason.
/// </summary>
public sealed class ReservationNotHeld(AggregateId reservation, StockReservationState state, string operation)
    : DomainRuleViolation(reservation, state.Name, operation, $"Order {reservation.Key} holds no stock (its reservation is {state.Name}); a payment for it is refused.");

/// <summary>
/// A payment for another amount or currency than the order's total at catalogue prices, as the reservation recorded it:
/// refused, so no stock is sold on it, and parked with this reason.
/// </summary>
public sealed class PaymentDoesNotMatch(AggregateId reservation, StockReservationState state, Money expected, Money paid)
    : DomainRuleViolation(reservation, state.Name, "commit-reservation", $"Order {reservation.Key} was reserved for {expected}; the payment says {paid}. Refused: nothing is sold.");
