using WeeEvents.EntityFrameworkCore;
using WeeEvents.Protection;

namespace WeeEvents.Privacy;

/// <summary>
/// What forgetting a customer does to one service's database: destroys the customer's data keys (every personal field
/// encrypted under them reads as erased from then on) and deletes the stored idempotent replies that name them.
/// </summary>
public sealed class PersonalDataEraser(IPersonalDataProtector? protector = null, EfIdempotencyStore? replies = null)
{
    /// <summary>Erases <paramref name="customerId"/>'s data; returns how many keys and replies went.</summary>
    public async Task<RecordErasure.Command> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var keys = protector is null ? 0 : await protector.ForgetAsync(customerId, cancellationToken).ConfigureAwait(false);
        var purged = replies is null ? 0 : await replies.PurgeMentioningAsync(customerId, cancellationToken).ConfigureAwait(false);
        return new RecordErasure.Command(keys, purged);
    }
}
