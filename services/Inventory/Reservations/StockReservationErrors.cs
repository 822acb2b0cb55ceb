namespace WeeEvents.Services.Inventory.Reservations;

/// <summary>An order's reservation is decided once: it cannot be confirmed or failed again differently.</summary>
public sealed class ReservationAlreadyDecided(AggregateId reservation, StockReservationState state, string operation)
    : DomainRuleViolation(reservation, state.Name, operation, $"The reservation of order {reservation.Key} is already {state.Name}.");

/// <summary>Nothing was ever reserved for the order, so there is nothing to commit.</summary>
public sealed class ReservationNotFound(AggregateId reservation, string operation)
    : DomainRuleViolation(reservation, "uninitialized", operation, $"Order {reservation.Key} has no reservation; {operation} needs one.");
