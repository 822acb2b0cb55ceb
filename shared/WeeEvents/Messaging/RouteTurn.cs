namespace WeeEvents.Messaging;

/// <summary>
/// Whether a route's messages take turns with the other messages of their correlation (one order's flow) in the service.
/// </summary>
public enum RouteTurn
{
    /// <summary>
    /// The default: a message waits for its turn, so a correlation's messages are handled one at a time across every route
    /// of the service (handled together they would race on the same aggregates, and the losers be handled again).
    /// </summary>
    InTurn = 0,

    /// <summary>
    /// A message is handled as soon as the route has room, alongside the other messages of its correlation: for a handling
    /// that waits on the outside world (a payment gateway), which in turn would hold those messages up, the one that ends
    /// the wait (a cancellation) included. It still lets a message at work on a stream it reads commit first (it waits for
    /// it without holding anything); a message that comes while it waits on the outside world races it, and the loser is
    /// retried as any lost race.
    /// </summary>
    OutOfTurn = 1,
}
