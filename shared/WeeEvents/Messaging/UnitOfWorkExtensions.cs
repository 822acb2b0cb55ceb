namespace WeeEvents.Messaging;

/// <summary>Compositions of <see cref="IUnitOfWork"/>'s inbox operations.</summary>
public static class UnitOfWorkExtensions
{
    /// <summary>
    /// Looks <paramref name="messageId"/> up in the inbox and, when <paramref name="consumer"/> has not handled it,
    /// records it with the commit (<see cref="IUnitOfWork.RecordHandled"/>). False when it was handled before.
    /// </summary>
    public static async Task<bool> TryRecordInboxAsync(this IUnitOfWork unitOfWork, string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        if (await unitOfWork.WasHandledAsync(consumer, messageId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        unitOfWork.RecordHandled(consumer, messageId);
        return true;
    }
}
