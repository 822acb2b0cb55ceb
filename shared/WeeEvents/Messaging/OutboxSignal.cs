namespace WeeEvents.Messaging;

/// <summary>
/// The in-process <see cref="IOutboxSignal"/>: a commit that wrote outbox rows wakes the relay at once. Many
/// commits before the relay looks fold into one wake-up, since one round reads every pending row.
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
