using MassTransit;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Puts the count of retries a route's retry gave up after on the delivery, so that MassTransit's error transport writes it
/// on the parked message as <c>MT-Fault-RetryCount</c> (the operations console shows it as the message's attempts).
/// MassTransit writes that header only from a retry context on the delivery itself (a receive-level retry's); a message
/// retry, which is what routes use, keeps its context on the attempt's consume context, and the parked message went
/// without it.
/// </summary>
/// <remarks>
/// Only a retry that gives up reports here, and the delivery is then on its way to its <c>_error</c> queue: no retry filter
/// outside it handles that failure (each kind of failure has one retry, <see cref="RouteRetries"/>), so none of them reads
/// the context put on the delivery as a retry of its own.
/// </remarks>
internal sealed class RetryCountOnParking : IRetryObserver
{
    /// <summary>The one observer every route's retries share: it holds nothing.</summary>
    public static RetryCountOnParking Instance { get; } = new();

    /// <inheritdoc />
    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (context.Context is ConsumeContext consumed)
        {
            // The latest retry to give up is the one that parks the message.
            consumed.ReceiveContext.AddOrUpdatePayload<RetryContext>(() => context, _ => context);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    /// <inheritdoc />
    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    /// <inheritdoc />
    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;
}
