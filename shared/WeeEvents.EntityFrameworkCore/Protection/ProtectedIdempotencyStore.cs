using System.Text.Json;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Protection;

/// <summary>
/// The stored replies of idempotent requests with their personal fields encrypted like events (the reply to
/// <c>place-order</c> holds the customer's name and address): the <c>idempotency_keys</c> rows hold no plain value, a
/// replay decrypts, and a replay for a forgotten customer shows them erased (forgetting also deletes those rows).
/// </summary>
internal sealed class ProtectedIdempotencyStore(EfIdempotencyStore inner, IPersonalDataProtector protector) : IIdempotencyStore
{
    public async Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        await RevealAsync(scope, await inner.FindAsync(scope, key, cancellationToken), cancellationToken);

    public async Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        await inner.TrySaveAsync(scope, key, await ProtectAsync(scope, response, cancellationToken), cancellationToken);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        var claim = await inner.ClaimAsync(scope, key, requestHash, now, abandonedBefore, cancellationToken);
        return claim.Response is null ? claim : claim with { Response = await RevealAsync(scope, claim.Response, cancellationToken) };
    }

    public async Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        await inner.CompleteAsync(scope, key, await ProtectAsync(scope, response, cancellationToken), cancellationToken);

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) => inner.ReleaseAsync(scope, key, cancellationToken);

    // The scope is the entity type: its state's declared paths say what is personal in the reply.
    private async Task<IdempotentResponse> ProtectAsync(string scope, IdempotentResponse response, CancellationToken cancellationToken)
    {
        try
        {
            // A reply naming no customer is keyed to its scope (the entity type), a subject nobody forgets.
            return response with { Body = await protector.ProtectDocumentAsync(scope, response.Body, FallbackSubject(scope), cancellationToken) };
        }
        catch (JsonException)
        {
            return response; // not JSON: nothing declared in it
        }
    }

    private async Task<IdempotentResponse?> RevealAsync(string scope, IdempotentResponse? response, CancellationToken cancellationToken)
    {
        if (response is null || !PersonalDataProtector.MayHoldEncrypted(response.Body))
        {
            return response;
        }

        try
        {
            return response with { Body = await protector.RevealDocumentAsync(scope, response.Body, FallbackSubject(scope), cancellationToken) };
        }
        catch (JsonException)
        {
            return response;
        }
    }

    private static string FallbackSubject(string scope) => "replies:" + scope;
}
