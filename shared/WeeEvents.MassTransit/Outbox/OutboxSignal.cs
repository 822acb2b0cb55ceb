using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// The in-process wake-up between a commit that wrote outbox rows and the relay: many notifications
/// while the relay is busy collapse into one wake-up.
/// </summary>
public sealed class OutboxSignal : IOutboxSignal, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <inheritdoc />
    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the relay will look once more anyway.
        }
    }

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _signal.Dispose();
}
