using WeeEvents.Messaging;

namespace WeeEvents.EntityFrameworkCore;

/// <summary>
/// The in-process <see cref="IOutboxSignal"/>: a semaphore that holds at most one pending wake-up, so any
/// number of commits between two relay polls cost the relay one extra pass, not one per commit.
/// </summary>
public sealed class OutboxSignal : IOutboxSignal, IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <inheritdoc />
    public void Notify()
    {
        // A wake-up already pending covers this commit too.
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit released it between the check and the release: same outcome.
            }
        }
    }

    /// <inheritdoc />
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _pending.Dispose();
}
