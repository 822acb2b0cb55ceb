namespace WeeEvents.ParkedMessages;

/// <summary>How MassTransit names a route's queue of parked (faulted) messages: <c>{route}_error</c>.</summary>
public static class ErrorQueues
{
    /// <summary>The suffix MassTransit gives a route's queue of parked (faulted) messages.</summary>
    public const string Suffix = "_error";

    /// <summary>Whether <paramref name="queue"/> is an error queue.</summary>
    public static bool IsErrorQueue(string queue) => queue?.EndsWith(Suffix, StringComparison.Ordinal) ?? false;

    /// <summary>The queue a parked message is returned to: <c>x_error</c> → <c>x</c>.</summary>
    public static string SourceOf(string errorQueue) =>
        IsErrorQueue(errorQueue) ? errorQueue[..^Suffix.Length] : errorQueue;

    /// <summary>The error queue named by <paramref name="queue"/>: itself when it ends in <c>_error</c>, else the route's.</summary>
    public static string ErrorQueueOf(string queue) =>
        IsErrorQueue(queue) ? queue : queue + Suffix;
}
